import { type SparseVector } from './tfidf';

/** How answer vectors are learned from question vectors. */
export interface TrainingOptions {
  /** Passes over the questions. Default `5`: more fits the training questions better but generalizes no better. */
  readonly epochs: number;
  /** Largest step of one update (C of the passive-aggressive algorithm). Default `1`. */
  readonly aggressiveness: number;
  /** Score by which a question's own answer must beat every other. Default `1`. */
  readonly margin: number;
  /** Weight of each answer's normalized centroid added to its learned vector; it carries answers with few questions. Default `1`. */
  readonly centroidWeight: number;
  /**
   * Answers with up to this many examples (by weight) get the full centroid weight; beyond, it shrinks with
   * 1 / sqrt(examples), as the learned weights then describe the answer better. Default `25`.
   */
  readonly fullCentroidUpTo: number;
  /** Drop weights smaller than this share of the answer's largest weight, to keep the index small. Default `0.01`. */
  readonly prune: number;
  /** Seed of the shuffle, so the same corpus always gives the same index. Default `1`. */
  readonly seed: number;
  /**
   * Most features x answers the learner may hold in memory (4 bytes each, twice); a larger corpus gets
   * centroids only, which need memory in proportion to the corpus. Default `20_000_000` (about 160 MB).
   */
  readonly maxLearnedWeights: number;
}

/** The defaults of every training option. */
export const DEFAULT_TRAINING_OPTIONS: TrainingOptions = {
  epochs: 5,
  aggressiveness: 1,
  margin: 1,
  centroidWeight: 1,
  fullCentroidUpTo: 25,
  prune: 0.01,
  seed: 1,
  maxLearnedWeights: 20_000_000,
};

/** One training example: a unit question vector and the class it belongs to. */
export interface Example {
  readonly vector: SparseVector;
  /** Index of the class (an answer, or the out-of-scope class). */
  readonly label: number;
  /** How much the example counts, in updates and in its class centroid. Default `1`. */
  readonly weight?: number;
}

/** Reports training progress: examples seen out of the total over all epochs. */
export type TrainingProgress = (done: number, total: number) => void;

/** Small, fast, seeded PRNG (mulberry32), so a build is reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Examples packed feature-major for speed: row r spans [rowStart[r], rowStart[r + 1]) of `feature` and `value`. */
interface Packed {
  readonly features: string[];
  readonly rowStart: Int32Array;
  readonly feature: Int32Array;
  readonly value: Float32Array;
  readonly label: Int32Array;
  readonly weight: Float32Array;
}

function pack(examples: readonly Example[]): Packed {
  const ids = new Map<string, number>();
  const features: string[] = [];
  let size = 0;
  for (const e of examples) size += e.vector.size;
  const rowStart = new Int32Array(examples.length + 1);
  const feature = new Int32Array(size);
  const value = new Float32Array(size);
  const label = new Int32Array(examples.length);
  const weight = Float32Array.from(examples, (e) => e.weight ?? 1);
  let at = 0;
  examples.forEach((e, row) => {
    for (const [key, weight] of e.vector) {
      let id = ids.get(key);
      if (id === undefined) {
        id = features.length;
        ids.set(key, id);
        features.push(key);
      }
      feature[at] = id;
      value[at++] = weight;
    }
    rowStart[row + 1] = at;
    label[row] = e.label;
  });
  return { features, rowStart, feature, value, label, weight };
}

/**
 * Learns one vector per class so that each question scores highest, by a margin, against its own class:
 * an averaged multiclass passive-aggressive learner (PA-I, own class against the worst rival), plus each
 * class's normalized centroid. A message's score for a class is then a plain dot product with its vector.
 */
export function trainClassVectors(examples: readonly Example[], classCount: number, options: TrainingOptions, onProgress?: TrainingProgress): SparseVector[] {
  const packed = pack(examples);
  const { features, rowStart, feature, value, label, weight: exampleWeight } = packed;
  const C = classCount;
  if (features.length * C > options.maxLearnedWeights) {
    onProgress?.(1, 1);
    return centroidVectors(packed, C, options.prune);
  }
  const weights = new Float32Array(features.length * C);
  // Averaging: `sum` accumulates tick-weighted updates, so the average is weights - sum / ticks.
  const sum = new Float32Array(features.length * C);
  const scores = new Float64Array(C);
  const order = Int32Array.from(examples, (_, i) => i);
  const random = seededRandom(options.seed);
  const total = options.epochs * examples.length;
  let tick = 1;

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (let k = 0; k < order.length; k++, tick++) {
      const row = order[k]!;
      const start = rowStart[row]!;
      const end = rowStart[row + 1]!;
      scores.fill(0);
      for (let q = start; q < end; q++) {
        const base = feature[q]! * C;
        const x = value[q]!;
        for (let c = 0; c < C; c++) scores[c] = scores[c]! + weights[base + c]! * x;
      }
      const own = label[row]!;
      let rival = -1;
      let rivalScore = -Infinity;
      for (let c = 0; c < C; c++) {
        if (c !== own && scores[c]! > rivalScore) {
          rivalScore = scores[c]!;
          rival = c;
        }
      }
      const loss = options.margin - (scores[own]! - rivalScore);
      if (rival < 0 || loss <= 0) continue;
      let squaredLength = 0;
      for (let q = start; q < end; q++) squaredLength += value[q]! ** 2;
      const step = Math.min(options.aggressiveness * exampleWeight[row]!, loss / (2 * squaredLength));
      for (let q = start; q < end; q++) {
        const base = feature[q]! * C;
        const delta = step * value[q]!;
        weights[base + own] = weights[base + own]! + delta;
        sum[base + own] = sum[base + own]! + tick * delta;
        weights[base + rival] = weights[base + rival]! - delta;
        sum[base + rival] = sum[base + rival]! - tick * delta;
      }
      if (onProgress !== undefined && k % 1000 === 0) onProgress(epoch * examples.length + k, total);
    }
  }
  for (let i = 0; i < weights.length; i++) weights[i] = weights[i]! - sum[i]! / tick;
  addCentroids(weights, packed, C, options);
  onProgress?.(total, total);
  return unpack(weights, features, C, options.prune);
}

function addCentroids(weights: Float32Array, { rowStart, feature, value, label, weight }: Packed, C: number, { centroidWeight, fullCentroidUpTo }: TrainingOptions): void {
  if (centroidWeight === 0) return;
  const centroid = new Map<number, number>(); // key: feature * C + class
  for (let row = 0; row + 1 < rowStart.length; row++) {
    for (let q = rowStart[row]!; q < rowStart[row + 1]!; q++) {
      const key = feature[q]! * C + label[row]!;
      centroid.set(key, (centroid.get(key) ?? 0) + weight[row]! * value[q]!);
    }
  }
  const squared = new Float64Array(C);
  for (const [key, v] of centroid) squared[key % C] = squared[key % C]! + v * v;
  const mass = new Float64Array(C);
  for (let row = 0; row < label.length; row++) mass[label[row]!] = mass[label[row]!]! + weight[row]!;
  // An answer with many questions is described well by its learned weights; the centroid matters for the few-shot ones.
  const classWeight = (c: number): number => centroidWeight * Math.min(1, Math.sqrt(fullCentroidUpTo / mass[c]!));
  for (const [key, v] of centroid) weights[key] = weights[key]! + (classWeight(key % C) * v) / Math.sqrt(squared[key % C]!);
}

/** Each class's normalized centroid, computed sparsely, for corpora too large to learn weights for. */
function centroidVectors({ features, rowStart, feature, value, label, weight }: Packed, C: number, prune: number): SparseVector[] {
  const sums = Array.from({ length: C }, () => new Map<number, number>());
  for (let row = 0; row + 1 < rowStart.length; row++) {
    const sum = sums[label[row]!]!;
    for (let q = rowStart[row]!; q < rowStart[row + 1]!; q++) sum.set(feature[q]!, (sum.get(feature[q]!) ?? 0) + weight[row]! * value[q]!);
  }
  return sums.map((sum) => {
    let squared = 0;
    let largest = 0;
    for (const v of sum.values()) {
      squared += v * v;
      largest = Math.max(largest, Math.abs(v));
    }
    const vector: SparseVector = new Map();
    for (const [f, v] of sum) if (Math.abs(v) >= prune * largest) vector.set(features[f]!, v / Math.sqrt(squared));
    return vector;
  });
}

function unpack(weights: Float32Array, features: readonly string[], C: number, prune: number): SparseVector[] {
  const largest = new Float64Array(C);
  for (let i = 0; i < weights.length; i++) largest[i % C] = Math.max(largest[i % C]!, Math.abs(weights[i]!));
  const vectors = Array.from({ length: C }, (): SparseVector => new Map());
  features.forEach((key, f) => {
    for (let c = 0; c < C; c++) {
      const w = weights[f * C + c]!;
      if (w !== 0 && Math.abs(w) >= prune * largest[c]!) vectors[c]!.set(key, w);
    }
  });
  return vectors;
}
