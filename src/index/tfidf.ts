import { FEATURE_KINDS, featureKindIndex, type FeatureKind, type Features } from '../text/features';

/** A sparse vector: feature to weight. */
export type SparseVector = Map<string, number>;

/** How feature counts become weights. */
export interface WeightingOptions {
  /** Weigh a feature seen n times by 1 + ln(n) rather than n, so repeats do not swamp a vector. Default `true`. */
  readonly sublinearTf: boolean;
  /**
   * Share of each kind of feature in a vector (words, word pairs, character n-grams, word senses), applied after each
   * kind is normalized. Default `1` for words, pairs and n-grams, `0.7` for senses: a shared sense is weaker evidence
   * than a shared word ("picture" is a painting before it is a film).
   */
  readonly kindWeights: Readonly<Record<FeatureKind, number>>;
}

/** The defaults of every weighting option. */
export const DEFAULT_WEIGHTING_OPTIONS: WeightingOptions = {
  sublinearTf: true,
  kindWeights: { w: 1, b: 1, c: 1, s: 0.7 },
};

/** Counts, for each feature, how many documents hold it. */
export function documentFrequencies(documents: Iterable<Features>): Map<string, number> {
  const df = new Map<string, number>();
  for (const document of documents) {
    for (const key of document.keys()) df.set(key, (df.get(key) ?? 0) + 1);
  }
  return df;
}

/** Smoothed inverse document frequency: ln((1 + n) / (1 + df)) + 1, positive even for a feature in every document. */
export function inverseDocumentFrequency(df: number, documentCount: number): number {
  return Math.log((1 + documentCount) / (1 + df)) + 1;
}

/** How features the index has never seen count in a query's length. */
export interface UnknownFeatures {
  /** The idf they count at (the index's highest). */
  readonly idf: number;
  /** Multiplier of each unknown feature's squared weight in the length, by key. Default: 1 for every feature. */
  readonly weight?: (key: string) => number;
}

/**
 * Weighs feature counts by tf-idf into a unit vector: each kind of feature is normalized on its own, scaled by
 * its kind weight, and the whole is normalized again, so that the thousands of character n-grams do not drown
 * the few words. Features without an idf are unknown: they get no weight, but with `unknown` they still
 * count in the length, which lowers the score of a message made mostly of words the corpus never uses.
 */
export function weighFeatures(
  counts: ReadonlyMap<string, number>,
  idf: (key: string) => number | undefined,
  options: WeightingOptions,
  unknown?: UnknownFeatures,
): SparseVector {
  // Kinds by index (FEATURE_KINDS order) and known features in parallel arrays: the matcher weighs every message, and
  // records and tuples per feature cost more than the arithmetic. The sums are taken in the same order as ever.
  const squares = FEATURE_KINDS.map(() => 0);
  const knownKeys: string[] = [];
  const knownKinds: number[] = [];
  const knownWeights: number[] = [];
  for (const [key, count] of counts) {
    const kind = featureKindIndex(key);
    const tf = options.sublinearTf ? 1 + Math.log(count) : count;
    const weight = idf(key);
    if (weight === undefined) {
      if (unknown !== undefined) squares[kind]! += (unknown.weight?.(key) ?? 1) * (tf * unknown.idf) ** 2;
      continue;
    }
    knownKeys.push(key);
    knownKinds.push(kind);
    knownWeights.push(tf * weight);
    squares[kind]! += (tf * weight) ** 2;
  }
  // After scaling, each present kind has length equal to its kind weight.
  const kindWeights = FEATURE_KINDS.map((kind) => options.kindWeights[kind]);
  let total = 0;
  for (let kind = 0; kind < FEATURE_KINDS.length; kind++) if (squares[kind]! > 0) total += kindWeights[kind]! ** 2;
  const vector: SparseVector = new Map();
  if (total === 0) return vector;
  const lengths = squares.map((square) => Math.sqrt(square * total));
  for (let i = 0; i < knownKeys.length; i++) {
    const kind = knownKinds[i]!;
    if (kindWeights[kind] === 0) continue;
    vector.set(knownKeys[i]!, (knownWeights[i]! * kindWeights[kind]!) / lengths[kind]!);
  }
  return vector;
}

/**
 * {@link weighFeatures} for a build, where every feature is known: the features are ids into a vocabulary, with
 * their counts, idfs and kinds in arrays, so no key is hashed. The same arithmetic in the same order, so the same
 * weights bit for bit (test/index/tfidf.test.ts compares the two). Writes the weighted features' ids and weights to
 * `outIds` and `outWeights` in the order given (features of a kind weighted 0 left out); returns how many.
 */
export function weighFeatureIds(
  ids: Int32Array,
  counts: Float64Array,
  idfOf: Float64Array,
  kindOf: Uint8Array,
  options: WeightingOptions,
  outIds: Int32Array,
  outWeights: Float64Array,
): number {
  const squares = FEATURE_KINDS.map(() => 0);
  for (let i = 0; i < ids.length; i++) {
    const count = counts[i]!;
    const tf = options.sublinearTf ? 1 + Math.log(count) : count;
    const weighted = tf * idfOf[ids[i]!]!;
    outWeights[i] = weighted;
    squares[kindOf[ids[i]!]!]! += weighted ** 2;
  }
  let total = 0;
  FEATURE_KINDS.forEach((kind, k) => {
    if (squares[k]! > 0) total += options.kindWeights[kind] ** 2;
  });
  if (total === 0) return 0;
  let n = 0;
  for (let i = 0; i < ids.length; i++) {
    const kindWeight = options.kindWeights[FEATURE_KINDS[kindOf[ids[i]!]!]!];
    if (kindWeight === 0) continue;
    outIds[n] = ids[i]!;
    outWeights[n++] = (outWeights[i]! * kindWeight) / Math.sqrt(squares[kindOf[ids[i]!]!]! * total);
  }
  return n;
}
