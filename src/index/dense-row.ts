import { type TermPostings } from './postings-blob';

/**
 * The weights of a term most vectors hold, as one row over all vectors (0 where a vector does not hold it), or
 * undefined for other terms. Scoring such a row reads memory in order instead of scattering over the scores, which
 * at 5,000 answers is most of a query's work (the common character n-grams are held by nearly every vector); it
 * costs no more memory than the postings list once the term is held by half of the vectors. The sums are the same:
 * a vector that does not hold the term adds a product of 0, which leaves its score as it was.
 */
export function denseRow({ vectors, weights }: TermPostings, vectorCount: number): Float32Array | undefined {
  if (vectors.length * 2 < vectorCount) return undefined;
  const row = new Float32Array(vectorCount);
  for (let i = 0; i < vectors.length; i++) {
    const v = vectors[i]!;
    // Postings come in vector order, each vector once; anything else is summed differently, so it is not made dense.
    if (v < 0 || v >= vectorCount || (i > 0 && v <= vectors[i - 1]!)) return undefined;
    row[v] = weights[i]!;
  }
  return row;
}
