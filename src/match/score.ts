import { type Postings } from '../index/loaded-index';
import { type CalibrationOptions } from '../index/options';

/**
 * Dot product of a query vector with every stored vector that shares a feature, via the inverted index. Written into
 * `into` (of the vector count, overwritten) when given, so that a matcher allocates no array per message.
 */
export function scoreVectors(query: ReadonlyMap<string, number>, postings: ReadonlyMap<string, Postings>, vectorCount: number, into?: Float64Array): Float64Array {
  const scores = into ?? new Float64Array(vectorCount);
  if (into !== undefined) scores.fill(0);
  for (const [key, queryWeight] of query) {
    const list = postings.get(key);
    if (list === undefined) continue;
    if (list.dense !== undefined) addDense(scores, queryWeight, list.dense);
    else addSparse(scores, queryWeight, list.vectors, list.weights);
  }
  return scores;
}

// Both loops are unrolled by four, which takes a third off their time (each score still adds its terms in query order).
function addDense(scores: Float64Array, queryWeight: number, row: Float32Array): void {
  const whole = row.length - (row.length % 4);
  let v = 0;
  for (; v < whole; v += 4) {
    scores[v]! += queryWeight * row[v]!;
    scores[v + 1]! += queryWeight * row[v + 1]!;
    scores[v + 2]! += queryWeight * row[v + 2]!;
    scores[v + 3]! += queryWeight * row[v + 3]!;
  }
  for (; v < row.length; v++) scores[v]! += queryWeight * row[v]!;
}

function addSparse(scores: Float64Array, queryWeight: number, vectors: Int32Array, weights: Float32Array): void {
  const whole = vectors.length - (vectors.length % 4);
  let i = 0;
  for (; i < whole; i += 4) {
    scores[vectors[i]!]! += queryWeight * weights[i]!;
    scores[vectors[i + 1]!]! += queryWeight * weights[i + 1]!;
    scores[vectors[i + 2]!]! += queryWeight * weights[i + 2]!;
    scores[vectors[i + 3]!]! += queryWeight * weights[i + 3]!;
  }
  for (; i < vectors.length; i++) scores[vectors[i]!]! += queryWeight * weights[i]!;
}

/** One answer's confidence for a message. */
export interface AnswerScore {
  /** Position of the answer in the index. */
  readonly answer: number;
  /** Calibrated confidence, 0 to 1: the softmax share of this answer against all others and "none". */
  readonly score: number;
}

/**
 * Turns raw vector scores into confidences that sum to at most 1 over the answers: a softmax that also
 * holds the out-of-scope class (if the corpus has examples) and an implicit "none" with a fixed score.
 * Returns the `limit` most confident answers, best first. `scratch` (at least as long as `scores`, overwritten)
 * spares a matcher an array per message.
 */
export function rankAnswers(scores: Float64Array, vectorAnswer: Int32Array, calibration: CalibrationOptions, limit: number, scratch?: Float64Array): AnswerScore[] {
  let max = calibration.noneScore;
  for (const s of scores) if (s > max) max = s;
  const t = calibration.temperature;
  let total = Math.exp((calibration.noneScore - max) / t);
  const exp = scratch ?? new Float64Array(scores.length);
  for (let v = 0; v < scores.length; v++) {
    exp[v] = Math.exp((scores[v]! - max) / t);
    total += exp[v]!;
  }
  // Keep the best `limit` in one pass rather than sorting every answer of a large corpus.
  const top: AnswerScore[] = [];
  for (let v = 0; v < scores.length; v++) {
    const answer = vectorAnswer[v]!;
    if (answer < 0) continue; // the out-of-scope class takes its share but is never an answer
    const score = exp[v]! / total;
    if (top.length === limit) {
      if (!outranks(score, answer, top[limit - 1]!)) continue;
      top.pop();
    }
    let at = top.length;
    while (at > 0 && outranks(score, answer, top[at - 1]!)) at--;
    top.splice(at, 0, { answer, score });
  }
  return top;
}

// Ties break on answer position so that rankings are stable across runs.
function outranks(score: number, answer: number, other: AnswerScore): boolean {
  return score > other.score || (score === other.score && answer < other.answer);
}

/** Place of one answer in the ranking `rankAnswers` would give (1 for the best), without sorting every answer. */
export function rankOf(scores: Float64Array, vectorAnswer: Int32Array, answer: number): number {
  const vector = vectorAnswer.indexOf(answer);
  const own = { answer, score: scores[vector]! };
  let rank = 1;
  // Softmax shares keep the order of raw scores, so raw scores rank the same.
  for (let v = 0; v < scores.length; v++) if (vectorAnswer[v]! >= 0 && outranks(scores[v]!, vectorAnswer[v]!, own)) rank++;
  return rank;
}
