import { FEATURE_KINDS, featureKind, type FeatureKind, type Features } from '../text/features';

/** A sparse vector: feature to weight. */
export type SparseVector = Map<string, number>;

/** How feature counts become weights. */
export interface WeightingOptions {
  /** Weigh a feature seen n times by 1 + ln(n) rather than n, so repeats do not swamp a vector. Default `true`. */
  readonly sublinearTf: boolean;
  /** Share of each kind of feature in a vector (words, word pairs, character n-grams), applied after each kind is normalized. Default all `1`. */
  readonly kindWeights: Readonly<Record<FeatureKind, number>>;
}

/** The defaults of every weighting option. */
export const DEFAULT_WEIGHTING_OPTIONS: WeightingOptions = {
  sublinearTf: true,
  kindWeights: { w: 1, b: 1, c: 1 },
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
  const squares: Record<FeatureKind, number> = { w: 0, b: 0, c: 0 };
  const known: [string, FeatureKind, number][] = [];
  for (const [key, count] of counts) {
    const kind = featureKind(key);
    const tf = options.sublinearTf ? 1 + Math.log(count) : count;
    const weight = idf(key);
    if (weight === undefined) {
      if (unknown !== undefined) squares[kind] += (unknown.weight?.(key) ?? 1) * (tf * unknown.idf) ** 2;
      continue;
    }
    known.push([key, kind, tf * weight]);
    squares[kind] += (tf * weight) ** 2;
  }
  // After scaling, each present kind has length equal to its kind weight.
  let total = 0;
  for (const kind of FEATURE_KINDS) if (squares[kind] > 0) total += options.kindWeights[kind] ** 2;
  const vector: SparseVector = new Map();
  if (total === 0) return vector;
  for (const [key, kind, weight] of known) {
    if (options.kindWeights[kind] === 0) continue;
    vector.set(key, (weight * options.kindWeights[kind]) / Math.sqrt(squares[kind] * total));
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
  const squares = [0, 0, 0];
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

