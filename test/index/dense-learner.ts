import { type SparseVector } from '../../src/index/tfidf';
import { seededRandom, type Example, type TrainingOptions } from '../../src/index/train';

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
 * The learner as it was before weights were held sparsely (a dense features x classes matrix), kept as the oracle
 * the sparse learner must equal when every class fits its rival window. Learns one vector per class so that each question scores highest, by a margin, against its own class:
 * an averaged multiclass passive-aggressive learner (PA-I, own class against the worst rival), plus each
 * class's normalized centroid. A message's score for a class is then a plain dot product with its vector.
 */
export function trainDenseClassVectors(examples: readonly Example[], classCount: number, options: TrainingOptions): SparseVector[] {
  const packed = pack(examples);
  const { features, rowStart, feature, value, label, weight: exampleWeight } = packed;
  const C = classCount;
  const weights = new Float32Array(features.length * C);
  // Averaging: `sum` accumulates tick-weighted updates, so the average is weights - sum / ticks.
  const sum = new Float32Array(features.length * C);
  const scores = new Float64Array(C);
  const order = Int32Array.from(examples, (_, i) => i);
  const random = seededRandom(options.seed);
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
    }
  }
  for (let i = 0; i < weights.length; i++) weights[i] = weights[i]! - sum[i]! / tick;
  addCentroids(weights, packed, C, options);
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
