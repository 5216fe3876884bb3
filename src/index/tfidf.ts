/** A sparse vector: term to weight. */
export type SparseVector = Map<string, number>;

/** Counts how often each term occurs. */
export function countTerms(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

/** Counts, for each term, how many documents hold it. */
export function documentFrequencies(documents: Iterable<Iterable<string>>): Map<string, number> {
  const df = new Map<string, number>();
  for (const document of documents) {
    for (const term of new Set(document)) df.set(term, (df.get(term) ?? 0) + 1);
  }
  return df;
}

/** Smoothed inverse document frequency: ln((1 + n) / (1 + df)) + 1, positive even for a term in every document. */
export function inverseDocumentFrequency(df: number, documentCount: number): number {
  return Math.log((1 + documentCount) / (1 + df)) + 1;
}

/** Weighs term counts by idf (terms without an idf are unknown and dropped), with optional sublinear tf. */
export function weighTerms(counts: ReadonlyMap<string, number>, idf: (term: string) => number | undefined, sublinearTf: boolean): SparseVector {
  const vector: SparseVector = new Map();
  for (const [term, count] of counts) {
    const weight = idf(term);
    if (weight === undefined) continue;
    vector.set(term, (sublinearTf ? 1 + Math.log(count) : count) * weight);
  }
  return vector;
}

/** Euclidean length of a vector. */
export function norm(vector: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const weight of vector.values()) sum += weight * weight;
  return Math.sqrt(sum);
}

/** Scales a vector to unit length, so a dot product is a cosine; the zero vector stays zero. */
export function normalizeVector(vector: ReadonlyMap<string, number>): SparseVector {
  const length = norm(vector);
  const unit: SparseVector = new Map();
  if (length === 0) return unit;
  for (const [term, weight] of vector) unit.set(term, weight / length);
  return unit;
}
