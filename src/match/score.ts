import { type Postings } from '../index/loaded-index';
import { type CalibrationOptions } from '../index/options';

/** Dot product of a query vector with every stored vector that shares a feature, via the inverted index. */
export function scoreVectors(query: ReadonlyMap<string, number>, postings: ReadonlyMap<string, Postings>, vectorCount: number): Float64Array {
  const scores = new Float64Array(vectorCount);
  for (const [key, queryWeight] of query) {
    const list = postings.get(key);
    if (list === undefined) continue;
    const { vectors, weights } = list;
    for (let i = 0; i < vectors.length; i++) scores[vectors[i]!]! += queryWeight * weights[i]!;
  }
  return scores;
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
 * Returns the `limit` most confident answers, best first.
 */
export function rankAnswers(scores: Float64Array, vectorAnswer: Int32Array, calibration: CalibrationOptions, limit: number): AnswerScore[] {
  let max = calibration.noneScore;
  for (const s of scores) if (s > max) max = s;
  const t = calibration.temperature;
  let total = Math.exp((calibration.noneScore - max) / t);
  const exp = new Float64Array(scores.length);
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
