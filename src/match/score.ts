import { type Postings } from '../index/loaded-index';

/** Dot product of a unit query vector with every stored vector that shares a term, via the inverted index. */
export function scoreVectors(query: ReadonlyMap<string, number>, postings: ReadonlyMap<string, Postings>, vectorCount: number): Float32Array {
  const scores = new Float32Array(vectorCount);
  for (const [term, queryWeight] of query) {
    const list = postings.get(term);
    if (list === undefined) continue;
    const { vectors, weights } = list;
    for (let i = 0; i < vectors.length; i++) scores[vectors[i]!]! += queryWeight * weights[i]!;
  }
  return scores;
}

/** The best-scoring vector of one answer. */
export interface AnswerScore {
  readonly answer: number;
  readonly vector: number;
  readonly score: number;
}

/** Ranks answers by their best vector's score, highest first, keeping the top `limit` with a positive score. */
export function rankAnswers(scores: Float32Array, vectorAnswer: Int32Array, limit: number): AnswerScore[] {
  const best = new Map<number, AnswerScore>();
  for (let vector = 0; vector < scores.length; vector++) {
    const score = scores[vector]!;
    if (score <= 0) continue;
    const answer = vectorAnswer[vector]!;
    const current = best.get(answer);
    if (current === undefined || score > current.score) best.set(answer, { answer, vector, score });
  }
  // Ties break on answer position so that rankings are stable across runs.
  return [...best.values()].sort((a, b) => b.score - a.score || a.answer - b.answer).slice(0, limit);
}
