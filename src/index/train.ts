import { addRows } from './add-rows';
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
   * How the passes update the weights. `'dual'` (the default): each question remembers how far it has pushed each
   * rival down (the dual variables of a multiclass SVM, each at most C times its weight) and takes back what later
   * updates made unnecessary, so the passes converge to the max-margin weights whatever the order. `'pa'`:
   * multiclass passive-aggressive (PA-I), each push of a rival final (docs/design.md has the figures of both).
   */
  readonly solver: TrainingSolver;
  /**
   * Average the weights over every update rather than keep the last ones. Default `true`. Averaging also shrinks
   * the scores, which the calibration depends on.
   */
  readonly average: boolean;
}

/** The update rule of the training passes; see {@link TrainingOptions.solver}. */
export type TrainingSolver = 'pa' | 'dual';

/** The defaults of every training option. */
export const DEFAULT_TRAINING_OPTIONS: TrainingOptions = {
  epochs: 5,
  aggressiveness: 1,
  margin: 1,
  centroidWeight: 1,
  fullCentroidUpTo: 25,
  prune: 0.01,
  seed: 1,
  solver: 'dual',
  average: true,
};

/**
 * A corpus with up to this many classes besides a question's own has every class scored as a rival, exactly as a
 * dense features x classes learner would (so results on such corpora are the dense learner's, bit for bit).
 */
export const RIVAL_WINDOW = 256;

/**
 * In a larger corpus, each question is scored against the classes whose centroids are nearest to it, where the
 * best-scoring rival is, at a cost that does not grow with the corpus. On CLINC150 (150 answers) scoring only the
 * nearest 32 or 64 gave the same accuracy as scoring all (in-scope 92.8-92.9, OOS recall 46-47 at the shipped threshold).
 */
export const NEAREST_RIVALS = 64;

/**
 * A feature that the examples of at least 1 / DENSE_SHARE of the classes hold keeps one weight per class in a plain
 * row (8 bytes a class, scored in one step per rival); rarer features keep a list of the classes that have a weight
 * (12 bytes an entry; a windowed visit reads only its window's entries, found once: see windowHits). Either way the
 * memory is within a small factor of the weights the classes' own examples call for, never features x classes. 32
 * halved the work per question of 8 on 100,000 questions / 5,000 answers (a row costs 65 steps, a list its length,
 * when lists were scanned) for 150 MB of rows. (Where the line falls changes the vectors, not only the speed: with
 * windows, a rival is pushed down on a row's feature whether or not its examples hold it, on a list's only if they do.)
 */
const DENSE_SHARE = 32;

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

/** Training examples packed into typed arrays: row r spans [rowStart[r], rowStart[r + 1]) of `feature` and `value`. */
export interface PackedExamples {
  /** Feature keys by id. */
  readonly features: readonly string[];
  readonly rowStart: Int32Array;
  readonly feature: Int32Array;
  readonly value: Float32Array;
  readonly label: Int32Array;
  readonly weight: Float32Array;
}

/** Packs examples one at a time, so a large corpus never holds all its question vectors as Maps at once. */
export class ExamplePacker {
  private readonly ids = new Map<string, number>();
  private readonly features: string[] = [];
  /** By id in the vocabulary {@link addIds} is given, the packer's id, or -1 before the feature is first seen. */
  private fromVocabulary = new Int32Array(0);
  private feature = new Int32Array(1024);
  private value = new Float32Array(1024);
  private rowStart: number[] = [0];
  private labels: number[] = [];
  private weights: number[] = [];
  private size = 0;

  /** Adds one example: a unit vector, its class, and how much it counts. */
  add(vector: SparseVector, label: number, weight = 1): void {
    if (this.size + vector.size > this.feature.length) {
      const room = Math.max(this.feature.length * 2, this.size + vector.size);
      this.feature = grown(this.feature, room);
      this.value = grown(this.value, room);
    }
    for (const [key, x] of vector) {
      this.feature[this.size] = this.idOf(key);
      this.value[this.size++] = x;
    }
    this.rowStart.push(this.size);
    this.labels.push(label);
    this.weights.push(weight);
  }

  /**
   * Adds one example given as `count` ids into the vocabulary `keys` (the same one at every call) with their weights:
   * the same as {@link add} with the Map from keys[ids[i]] to weights[i], without hashing a key per feature.
   */
  addIds(ids: Int32Array, weights: Float64Array, count: number, keys: readonly string[], label: number, weight = 1): void {
    if (this.size + count > this.feature.length) {
      const room = Math.max(this.feature.length * 2, this.size + count);
      this.feature = grown(this.feature, room);
      this.value = grown(this.value, room);
    }
    if (this.fromVocabulary.length < keys.length) this.fromVocabulary = Int32Array.from({ length: keys.length }, (_, v) => this.fromVocabulary[v] ?? -1);
    for (let i = 0; i < count; i++) {
      const v = ids[i]!;
      let id = this.fromVocabulary[v]!;
      if (id < 0) {
        id = this.idOf(keys[v]!);
        this.fromVocabulary[v] = id;
      }
      this.feature[this.size] = id;
      this.value[this.size++] = weights[i]!;
    }
    this.rowStart.push(this.size);
    this.labels.push(label);
    this.weights.push(weight);
  }

  private idOf(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.features.length;
      this.ids.set(key, id);
      this.features.push(key);
    }
    return id;
  }

  /** The examples added so far. */
  finish(): PackedExamples {
    return {
      features: this.features,
      rowStart: Int32Array.from(this.rowStart),
      feature: this.feature.slice(0, this.size),
      value: this.value.slice(0, this.size),
      label: Int32Array.from(this.labels),
      weight: Float32Array.from(this.weights),
    };
  }
}

/** Packed examples with their rows grouped by class: classRows[classStart[c]] to classRows[classStart[c + 1] - 1], in row order. */
interface Packed extends PackedExamples {
  readonly classStart: Int32Array;
  readonly classRows: Int32Array;
}

function groupByClass(examples: PackedExamples, classCount: number): Packed {
  const { label } = examples;
  const classStart = new Int32Array(classCount + 1);
  for (let row = 0; row < label.length; row++) classStart[label[row]! + 1]!++;
  for (let c = 0; c < classCount; c++) classStart[c + 1]! += classStart[c]!;
  const next = classStart.slice(0, classCount);
  const classRows = new Int32Array(label.length);
  for (let row = 0; row < label.length; row++) classRows[next[label[row]!]!++] = row;
  return { ...examples, classStart, classRows };
}

/** For each feature, how many classes have an example that holds it. */
function classFrequencies({ features, rowStart, feature, classStart, classRows }: Packed): Int32Array {
  const counts = new Int32Array(features.length);
  const lastClass = new Int32Array(features.length).fill(-1);
  for (let c = 0; c + 1 < classStart.length; c++) {
    for (let k = classStart[c]!; k < classStart[c + 1]!; k++) {
      const row = classRows[k]!;
      for (let q = rowStart[row]!; q < rowStart[row + 1]!; q++) {
        const f = feature[q]!;
        if (lastClass[f] !== c) {
          lastClass[f] = c;
          counts[f]!++;
        }
      }
    }
  }
  return counts;
}

/**
 * The learned weights, sparse: a feature common among the classes has a row of C weights, any other a list of
 * (class, weight) entries. A weight missing from a list is zero. `sum` holds the tick-weighted updates for averaging,
 * beside each weight. With `fixedSupport`, a list holds exactly the classes whose own examples have the feature, sorted,
 * and never grows: updates reach no other class there, so memory stays in proportion to the corpus however many
 * updates a large corpus needs. Otherwise a list grows as updates reach new classes, as a dense matrix would fill.
 */
class WeightTable {
  /** Per feature: its row in `dense`, or -1 when it keeps a list. */
  readonly row: Int32Array;
  /**
   * The rows of weights, then (windowed only) scratch rows, all zero between visits: a visit copies its rare features'
   * window weights there, so that every feature of a question is read as a row (see {@link addRows}).
   */
  readonly dense: Float32Array;
  readonly denseSum: Float32Array;
  /** Where the scratch rows start in `dense`. */
  readonly scratchStart: number;
  /** Per listed feature: where its entries start in the arena, how many there are, and how many fit before it moves. */
  readonly start: Int32Array;
  readonly length: Int32Array;
  readonly capacity: Int32Array;
  /** The arena of list entries; replaced by a larger one when full, so read these after any `slot` call. */
  classOf: Int32Array;
  weight: Float32Array;
  sum: Float32Array;
  private used = 0;

  /**
   * Where class c's weight sits within a row of `dense`: dense[r * classCount + slotOf[c]]. The identity unless
   * windows of nearest rivals gave a {@link clusteredClassOrder}. Where a weight sits changes no sum.
   */
  readonly slotOf: Int32Array;
  /** Places in a row of `dense`: the classes, padded to whole cache lines when classes were placed by line. */
  readonly rowLength: number;

  constructor(packed: Packed, classDf: Int32Array, readonly classCount: number, readonly fixedSupport: boolean, slotOf?: Int32Array) {
    const featureCount = classDf.length;
    this.slotOf = slotOf ?? Int32Array.from({ length: classCount }, (_, c) => c);
    this.rowLength = slotOf === undefined ? classCount : paddedClassCount(classCount);
    this.row = new Int32Array(featureCount).fill(-1);
    this.start = new Int32Array(featureCount);
    this.length = new Int32Array(featureCount);
    this.capacity = new Int32Array(featureCount);
    let rows = 0;
    for (let f = 0; f < featureCount; f++) {
      if (classDf[f]! * DENSE_SHARE >= classCount) {
        this.row[f] = rows++;
      } else {
        // Room for the classes whose examples hold the feature; rivals that reach it later move the list.
        this.start[f] = this.used;
        this.capacity[f] = classDf[f]!;
        this.used += classDf[f]!;
      }
    }
    this.scratchStart = rows * this.rowLength;
    const scratchRows = fixedSupport ? mostListedFeatures(packed, this.row) : 0;
    this.dense = new Float32Array((rows + scratchRows) * this.rowLength);
    this.denseSum = new Float32Array(rows * this.rowLength);
    const room = fixedSupport ? this.used : Math.max(1024, Math.ceil(this.used * 1.5));
    this.classOf = new Int32Array(room);
    this.weight = new Float32Array(room);
    this.sum = new Float32Array(room);
    if (fixedSupport) this.listOwnClasses(packed);
  }

  /** Fills each list with the classes whose examples hold its feature, in class order, at weight 0. */
  private listOwnClasses({ rowStart, feature, classStart, classRows }: Packed): void {
    for (let c = 0; c < this.classCount; c++) {
      for (let k = classStart[c]!; k < classStart[c + 1]!; k++) {
        const row = classRows[k]!;
        for (let q = rowStart[row]!; q < rowStart[row + 1]!; q++) {
          const f = feature[q]!;
          if (this.row[f]! >= 0) continue;
          const end = this.start[f]! + this.length[f]!;
          if (this.length[f]! > 0 && this.classOf[end - 1] === c) continue;
          this.classOf[end] = c;
          this.length[f]!++;
        }
      }
    }
  }

  /**
   * Arena position of class `c` in the list of feature `f`. When absent: with fixed support -1 (the weight stays
   * zero), otherwise the class is added with weight 0.
   */
  slot(f: number, c: number): number {
    const classOf = this.classOf;
    const start = this.start[f]!;
    const end = start + this.length[f]!;
    if (this.fixedSupport) {
      let low = start;
      let high = end - 1;
      while (low <= high) {
        const mid = (low + high) >> 1;
        const m = classOf[mid]!;
        if (m === c) return mid;
        if (m < c) low = mid + 1;
        else high = mid - 1;
      }
      return -1;
    }
    for (let i = start; i < end; i++) if (classOf[i] === c) return i;
    if (this.length[f] === this.capacity[f]) this.move(f);
    const at = this.start[f]! + this.length[f]!++;
    this.classOf[at] = c;
    this.weight[at] = 0;
    this.sum[at] = 0;
    return at;
  }

  /** Moves a full list to the end of the arena with twice the room. */
  private move(f: number): void {
    const room = Math.max(4, this.capacity[f]! * 2);
    if (this.used + room > this.classOf.length) this.grow(this.used + room);
    const from = this.start[f]!;
    const n = this.length[f]!;
    this.classOf.copyWithin(this.used, from, from + n);
    this.weight.copyWithin(this.used, from, from + n);
    this.sum.copyWithin(this.used, from, from + n);
    this.start[f] = this.used;
    this.capacity[f] = room;
    this.used += room;
  }

  private grow(needed: number): void {
    const size = Math.max(needed, this.classOf.length * 2);
    this.classOf = grown(this.classOf, size);
    this.weight = grown(this.weight, size);
    this.sum = grown(this.sum, size);
  }

  /** Turns every weight into its average over all ticks: weight - sum / ticks. */
  average(ticks: number): void {
    const { dense, denseSum, weight, sum } = this;
    for (let i = 0; i < denseSum.length; i++) dense[i] = dense[i]! - denseSum[i]! / ticks;
    for (let f = 0; f < this.row.length; f++) {
      if (this.row[f]! >= 0) continue;
      for (let i = this.start[f]!; i < this.start[f]! + this.length[f]!; i++) weight[i] = weight[i]! - sum[i]! / ticks;
    }
  }
}

/** Each example's rival classes: rivals[rivalStart[r]] to rivals[rivalStart[r + 1] - 1], never its own class. */
export interface RivalWindows {
  readonly rivalStart: Int32Array;
  readonly rivals: Int32Array | Uint16Array;
}

/** Internal switches of the learner that change its speed, never its vectors; tests turn them off to show that. */
export interface LearnerLayout {
  /** Place classes that are rivals of each other side by side in the dense rows ({@link clusteredClassOrder}). Default `true`. */
  readonly clusterClasses: boolean;
}

const DEFAULT_LEARNER_LAYOUT: LearnerLayout = { clusterClasses: true };

/**
 * Learns one vector per class so that each question scores highest, by a margin, against its own class:
 * an averaged multiclass passive-aggressive learner (PA-I, own class against the best-scoring rival), plus each
 * class's normalized centroid. A message's score for a class is then a plain dot product with its vector.
 * Weights are held sparsely, so memory follows the weights learned; with more than {@link RIVAL_WINDOW} rivals,
 * each question is scored against its window of nearest rivals only.
 */
export function trainClassVectors(examples: readonly Example[], classCount: number, options: TrainingOptions, onProgress?: TrainingProgress): SparseVector[] {
  const packer = new ExamplePacker();
  for (const e of examples) packer.add(e.vector, e.label, e.weight);
  return trainPackedExamples(packer.finish(), classCount, options, onProgress);
}

/** {@link trainClassVectors} over examples already packed. */
export function trainPackedExamples(
  examples: PackedExamples,
  classCount: number,
  options: TrainingOptions,
  onProgress?: TrainingProgress,
  layout: LearnerLayout = DEFAULT_LEARNER_LAYOUT,
): SparseVector[] {
  const packed = groupByClass(examples, classCount);
  const classDf = classFrequencies(packed);
  const windowed = classCount - 1 > RIVAL_WINDOW;
  const windows = windowed ? rivalWindows(packed, classDf, classCount) : null;
  const slotOf = windows !== null && layout.clusterClasses ? clusteredClassOrder(packed, windows, classCount) : undefined;
  const table = new WeightTable(packed, classDf, classCount, windowed, slotOf);
  const ticks = learn(packed, table, windows, options, onProgress);
  if (options.average) table.average(ticks);
  return classVectors(packed, table, options);
}

/** The passive-aggressive passes; returns the number of ticks, for averaging. */
function learn(packed: Packed, table: WeightTable, windows: RivalWindows | null, options: TrainingOptions, onProgress?: TrainingProgress): number {
  const { rowStart, feature, value, label, weight: exampleWeight } = packed;
  const C = table.classCount;
  const { row: denseRow, dense, start: listStart, length: listLength, slotOf, rowLength } = table;
  const scores = new Float64Array(C);
  // A windowed question's scores by place in its window (0: its own class, j: its j-th rival), with the classes'
  // places in the dense rows.
  const windowScore = new Float64Array(NEAREST_RIVALS + 1);
  const windowSlot = new Int32Array(NEAREST_RIVALS + 1);
  // A windowed question's features as rows of `dense`: where each row starts and the question's value on it; the
  // places of the scratch rows written.
  const longest = longestExample(packed);
  const rowBase = new Int32Array(longest);
  const rowValue = new Float64Array(longest);
  const copiedAt = new Int32Array(windows === null ? 0 : longest * (NEAREST_RIVALS + 1));
  const hits = windows === null ? null : windowHits(packed, table, windows);
  const order = Int32Array.from(label, (_, i) => i);
  const random = seededRandom(options.seed);
  const total = options.epochs * label.length;
  const dual = options.solver === 'dual' ? new DualSteps(label.length, Math.max(1, options.epochs)) : null;
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
      const own = label[row]!;
      const classOf = table.classOf;
      const listWeight = table.weight;
      let rival = -1;
      let rivalScore = -Infinity;
      let ownScore: number;
      if (windows === null) {
        // Every class is a rival: the same sums, in the same order, as a dense features x classes matrix.
        scores.fill(0);
        for (let q = start; q < end; q++) {
          const f = feature[q]!;
          const x = value[q]!;
          const r = denseRow[f]!;
          if (r >= 0) {
            const base = r * rowLength; // classes in their own order here: no windows, no clustering
            for (let c = 0; c < C; c++) scores[c] = scores[c]! + dense[base + c]! * x;
          } else {
            const listEnd = listStart[f]! + listLength[f]!;
            for (let i = listStart[f]!; i < listEnd; i++) scores[classOf[i]!] = scores[classOf[i]!]! + listWeight[i]! * x;
          }
        }
        for (let c = 0; c < C; c++) {
          if (c !== own && scores[c]! > rivalScore) {
            rivalScore = scores[c]!;
            rival = c;
          }
        }
        ownScore = scores[own]!;
      } else {
        // Each class's score adds up its features in the question's order, as before; only where the sums and the
        // weights are kept differs (by place in the window; classes side by side in the rows).
        const { rivalStart, rivals } = windows;
        const from = rivalStart[row]!;
        const places = rivalStart[row + 1]! - from + 1;
        windowSlot[0] = slotOf[own]!;
        windowScore[0] = 0;
        for (let j = 1; j < places; j++) {
          const c = rivals[from + j - 1]!;
          windowSlot[j] = slotOf[c]!;
          windowScore[j] = 0;
        }
        // Every feature as a row: a common one's own, a rare one's copied into a scratch row at the window's places
        // (zero elsewhere; adding a zero to a sum that starts at +0 changes no bit of it).
        let rows = 0;
        let scratch = table.scratchStart;
        for (let q = start; q < end; q++) {
          const r = denseRow[feature[q]!]!;
          if (r >= 0) {
            rowBase[rows] = r * rowLength;
          } else {
            rowBase[rows] = scratch;
            scratch += rowLength;
          }
          rowValue[rows++] = value[q]!;
        }
        const { hitStart, hitAt } = hits!;
        let copied = 0;
        scratch = table.scratchStart - rowLength;
        for (let k = hitStart[row]!; k < hitStart[row + 1]!; k++) {
          let i = hitAt[k]!;
          if (i < 0) {
            i = ~i;
            scratch += rowLength;
          }
          const at = scratch + slotOf[classOf[i]!]!;
          dense[at] = listWeight[i]!;
          copiedAt[copied++] = at;
        }
        addRows(dense, rowBase, rowValue, rows, windowSlot, windowScore, places);
        for (let i = 0; i < copied; i++) dense[copiedAt[i]!] = 0;
        for (let j = 1; j < places; j++) {
          const c = rivals[from + j - 1]!;
          const s = windowScore[j]!;
          if (s > rivalScore || (s === rivalScore && c < rival)) {
            rivalScore = s;
            rival = c;
          }
        }
        ownScore = windowScore[0]!;
        if (dual !== null) {
          // The dual solver reads scores by class: those of this window's classes, the ones it may push.
          scores[own] = ownScore;
          for (let j = 1; j < places; j++) scores[rivals[from + j - 1]!] = windowScore[j]!;
        }
      }
      if (dual !== null) {
        dual.visit(table, packed, row, rival, scores, options, tick);
        if (onProgress !== undefined && k % 1000 === 0) onProgress(epoch * label.length + k, total);
        continue;
      }
      const loss = options.margin - (ownScore - rivalScore);
      if (rival < 0 || loss <= 0) continue;
      let squaredLength = 0;
      for (let q = start; q < end; q++) squaredLength += value[q]! ** 2;
      pushApart(table, packed, row, own, rival, Math.min(options.aggressiveness * exampleWeight[row]!, loss / (2 * squaredLength)), tick);
      if (onProgress !== undefined && k % 1000 === 0) onProgress(epoch * label.length + k, total);
    }
  }
  onProgress?.(total, total);
  return tick;
}

/**
 * The dual variables of a multiclass (Weston-Watkins) SVM, learned by coordinate descent: for each question, the
 * rivals it has pushed below its own class and by how much (0 to C times its weight). A visit takes the best-scoring
 * rival as a new pair if it violates the margin, then moves every pair of the question to its best value given the
 * current weights: up if the rival still scores too close, back down if other updates have since done the work.
 * Taking steps back is what the passive-aggressive learner lacks: it converges to the max-margin weights, so no
 * averaging is needed and the order of the questions hardly matters. Pairs are remembered in a fixed number of
 * slots per question (one per pass, as each visit adds at most one); memory is questions x slots x 8 bytes.
 */
class DualSteps {
  private readonly rival: Int32Array;
  private readonly alpha: Float32Array;

  constructor(examples: number, private readonly slots: number) {
    this.rival = new Int32Array(examples * slots).fill(-1);
    this.alpha = new Float32Array(examples * slots);
  }

  /** One visit of example `row`; `scores` holds its current score against its class and every scored rival. */
  visit(table: WeightTable, packed: Packed, row: number, best: number, scores: Float64Array, { margin, aggressiveness }: TrainingOptions, tick: number): void {
    const { rowStart, value, label, weight } = packed;
    const own = label[row]!;
    const base = row * this.slots;
    if (best >= 0 && margin - (scores[own]! - scores[best]!) > 0) {
      let free = -1;
      let known = false;
      for (let s = base; s < base + this.slots; s++) {
        if (this.rival[s] === best) known = true;
        else if (this.rival[s]! < 0 && free < 0) free = s;
      }
      if (!known && free >= 0) {
        this.rival[free] = best;
        this.alpha[free] = 0;
      }
    }
    let squaredLength = 0;
    for (let q = rowStart[row]!; q < rowStart[row + 1]!; q++) squaredLength += value[q]! ** 2;
    const cap = aggressiveness * weight[row]!;
    for (let s = base; s < base + this.slots; s++) {
      const c = this.rival[s]!;
      if (c < 0) continue;
      const before = this.alpha[s]!;
      const after = Math.min(cap, Math.max(0, before + (margin - (scores[own]! - scores[c]!)) / (2 * squaredLength)));
      const step = after - before;
      if (step === 0) continue;
      const rivalLength = pushApart(table, packed, row, own, c, step, tick);
      scores[own] = scores[own]! + step * squaredLength;
      scores[c] = scores[c]! - step * rivalLength;
      this.alpha[s] = after;
      if (after === 0) this.rival[s] = -1;
    }
  }
}

/**
 * Where each windowed example's rare features hold a class of its window, found once since neither the windows nor
 * the lists (fixed support) change: for example r, hitAt[hitStart[r]] to hitAt[hitStart[r + 1] - 1] are list entries
 * (arena positions), feature by feature in the example's order, the first of each feature stored as ~position. Every
 * rare feature of an example has one at least (its own class holds it). A visit then reads these, about a quarter of
 * the entries of its lists on 100,000 questions / 5,000 answers, instead of scanning the lists.
 */
function windowHits({ rowStart, feature, label }: Packed, table: WeightTable, { rivalStart, rivals }: RivalWindows): { hitStart: Int32Array; hitAt: Int32Array } {
  const { row: denseRow, start: listStart, length: listLength, classOf } = table;
  const mark = new Int32Array(table.classCount).fill(-1);
  const n = label.length;
  const hitStart = new Int32Array(n + 1);
  let hitAt = new Int32Array(0);
  // Counted first, then stored, so the hits take exactly their room.
  for (const store of [false, true]) {
    let at = 0;
    for (let row = 0; row < n; row++) {
      mark[label[row]!] = row;
      for (let j = rivalStart[row]!; j < rivalStart[row + 1]!; j++) mark[rivals[j]!] = row;
      for (let q = rowStart[row]!; q < rowStart[row + 1]!; q++) {
        const f = feature[q]!;
        if (denseRow[f]! >= 0) continue;
        let first = true;
        for (let i = listStart[f]!; i < listStart[f]! + listLength[f]!; i++) {
          if (mark[classOf[i]!] !== row) continue;
          if (store) hitAt[at] = first ? ~i : i;
          first = false;
          at++;
        }
      }
      hitStart[row + 1] = at;
    }
    if (!store) hitAt = new Int32Array(at);
  }
  return { hitStart, hitAt };
}

/** The most features any example holds. */
function longestExample({ rowStart }: PackedExamples): number {
  let longest = 0;
  for (let row = 0; row + 1 < rowStart.length; row++) longest = Math.max(longest, rowStart[row + 1]! - rowStart[row]!);
  return longest;
}

/** The most features without a row of weights (`row[f]` < 0) that any example holds. */
function mostListedFeatures({ rowStart, feature }: PackedExamples, row: Int32Array): number {
  let most = 0;
  for (let r = 0; r + 1 < rowStart.length; r++) {
    let listed = 0;
    for (let q = rowStart[r]!; q < rowStart[r + 1]!; q++) if (row[feature[q]!]! < 0) listed++;
    most = Math.max(most, listed);
  }
  return most;
}

/**
 * Adds `step` x the example to its own class and takes it from `rival` (only on the rival's features, with a fixed
 * support); returns the example's squared length over the features the rival was changed on.
 */
function pushApart(table: WeightTable, { rowStart, feature, value }: Packed, row: number, own: number, rival: number, step: number, tick: number): number {
  const { row: denseRow, dense, denseSum, slotOf, rowLength } = table;
  // Read once: the compiler cannot tell that writes to the weights leave the places unchanged.
  const ownSlot = slotOf[own]!;
  const rivalSlot = slotOf[rival]!;
  let rivalLength = 0;
  for (let q = rowStart[row]!; q < rowStart[row + 1]!; q++) {
    const f = feature[q]!;
    const x = value[q]!;
    const delta = step * x;
    const r = denseRow[f]!;
    if (r >= 0) {
      const atOwn = r * rowLength + ownSlot;
      const atRival = r * rowLength + rivalSlot;
      dense[atOwn] = dense[atOwn]! + delta;
      dense[atRival] = dense[atRival]! - delta;
      denseSum[atOwn] = denseSum[atOwn]! + tick * delta;
      denseSum[atRival] = denseSum[atRival]! - tick * delta;
      rivalLength += x * x;
    } else {
      let at = table.slot(f, own);
      table.weight[at] = table.weight[at]! + delta;
      table.sum[at] = table.sum[at]! + tick * delta;
      at = table.slot(f, rival);
      if (at < 0) continue;
      table.weight[at] = table.weight[at]! - delta;
      table.sum[at] = table.sum[at]! - tick * delta;
      rivalLength += x * x;
    }
  }
  return rivalLength;
}

/** Sum of a class's weighted examples, feature by feature, with the features in order of first appearance. */
class CentroidScratch {
  readonly sum: Float64Array;
  readonly seen: Uint8Array;
  readonly touched: Int32Array;
  size = 0;

  constructor(featureCount: number) {
    this.sum = new Float64Array(featureCount);
    this.seen = new Uint8Array(featureCount);
    this.touched = new Int32Array(featureCount);
  }

  /** Fills the scratch with class c's centroid sum; returns its squared length. */
  fill({ rowStart, feature, value, weight, classStart, classRows }: Packed, c: number): number {
    this.clear();
    for (let k = classStart[c]!; k < classStart[c + 1]!; k++) {
      const row = classRows[k]!;
      for (let q = rowStart[row]!; q < rowStart[row + 1]!; q++) {
        const f = feature[q]!;
        if (this.seen[f] === 0) {
          this.seen[f] = 1;
          this.touched[this.size++] = f;
        }
        this.sum[f] = this.sum[f]! + weight[row]! * value[q]!;
      }
    }
    let squared = 0;
    for (let i = 0; i < this.size; i++) squared += this.sum[this.touched[i]!]! ** 2;
    return squared;
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) {
      this.sum[this.touched[i]!] = 0;
      this.seen[this.touched[i]!] = 0;
    }
    this.size = 0;
  }
}

/** Classes kept per feature when looking for an example's nearest rivals: those whose centroids weigh the feature most. */
const RIVALS_PER_FEATURE = 64;

/**
 * For each example, up to NEAREST_RIVALS other classes whose normalized centroids score highest against it. Each feature
 * counts only for the RIVALS_PER_FEATURE classes whose centroids weigh it most, so a feature common to thousands of
 * classes costs no more than a rare one.
 */
function rivalWindows(packed: Packed, classDf: Int32Array, C: number): RivalWindows {
  const { features, rowStart, feature, value, label } = packed;
  const F = features.length;
  // Centroid postings: feature -> (class, normalized centroid weight), then cut to the heaviest per feature.
  const postingStart = new Int32Array(F + 1);
  for (let f = 0; f < F; f++) postingStart[f + 1] = postingStart[f]! + classDf[f]!;
  const postingClass = new Int32Array(postingStart[F]!);
  const postingWeight = new Float64Array(postingStart[F]!);
  const filled = postingStart.slice(0, F);
  const scratch = new CentroidScratch(F);
  for (let c = 0; c < C; c++) {
    const length = Math.sqrt(scratch.fill(packed, c));
    for (let i = 0; i < scratch.size; i++) {
      const f = scratch.touched[i]!;
      postingClass[filled[f]!] = c;
      postingWeight[filled[f]!++] = scratch.sum[f]! / length;
    }
  }
  scratch.clear();
  const keptStart = new Int32Array(F + 1);
  for (let f = 0; f < F; f++) keptStart[f + 1] = keptStart[f]! + Math.min(classDf[f]!, RIVALS_PER_FEATURE);
  const keptClass = new Int32Array(keptStart[F]!);
  const keptWeight = new Float32Array(keptStart[F]!);
  const byWeight = new Float64Array(C);
  const candidates = new Int32Array(C);
  for (let f = 0; f < F; f++) {
    const n = classDf[f]!;
    const kept = Math.min(n, RIVALS_PER_FEATURE);
    for (let i = 0; i < n; i++) {
      candidates[i] = postingClass[postingStart[f]! + i]!;
      byWeight[candidates[i]!] = postingWeight[postingStart[f]! + i]!;
    }
    if (n > kept) selectHighest(candidates, n, kept, byWeight);
    for (let i = 0; i < kept; i++) {
      keptClass[keptStart[f]! + i] = candidates[i]!;
      keptWeight[keptStart[f]! + i] = byWeight[candidates[i]!]!;
    }
  }

  const n = label.length;
  const rivalStart = new Int32Array(n + 1);
  const rivals = C <= 65536 ? new Uint16Array(n * NEAREST_RIVALS) : new Int32Array(n * NEAREST_RIVALS);
  const scores = new Float64Array(C);
  const touched = new Int32Array(C);
  const seenAt = new Int32Array(C).fill(-1);
  for (let row = 0; row < n; row++) {
    const own = label[row]!;
    let size = 0;
    for (let q = rowStart[row]!; q < rowStart[row + 1]!; q++) {
      const f = feature[q]!;
      const x = value[q]!;
      for (let i = keptStart[f]!; i < keptStart[f + 1]!; i++) {
        const c = keptClass[i]!;
        if (c === own) continue;
        if (seenAt[c] !== row) {
          seenAt[c] = row;
          touched[size++] = c;
        }
        scores[c] = scores[c]! + x * keptWeight[i]!;
      }
    }
    const kept = Math.min(size, NEAREST_RIVALS);
    if (size > kept) selectHighest(touched, size, kept, scores);
    const at = rivalStart[row]!;
    for (let i = 0; i < kept; i++) rivals[at + i] = touched[i]!;
    rivalStart[row + 1] = at + kept;
    for (let i = 0; i < size; i++) scores[touched[i]!] = 0;
  }
  return { rivalStart, rivals };
}

/** Classes per cache line of Float32 weights: the block {@link clusteredClassOrder} fills with rivals of each other. */
const CLASSES_PER_LINE = 16;

/**
 * A place for each class in the dense rows such that classes often found in the same rival windows share cache lines.
 * A windowed question reads a dense row at its ~65 classes only; scattered over a row of 5,000 classes those are ~45
 * cache lines per feature, in a matrix far larger than the cache, and the learner then waits on memory for most of its
 * time. Places are filled a line at a time: a seed (the first class not yet placed), then, one by one, the unplaced
 * class that the classes already in the line have most often had as a rival in their own questions' windows.
 * Rows are CLASSES_PER_LINE-aligned (see {@link paddedClassCount}), so a line of places is a cache line.
 */
export function clusteredClassOrder(
  { classStart, classRows }: { readonly classStart: Int32Array; readonly classRows: Int32Array },
  { rivalStart, rivals }: RivalWindows,
  C: number,
): Int32Array {
  // Per class, each rival with how many of the class's own questions' windows hold it.
  const count = new Int32Array(C);
  const touched = new Int32Array(C);
  const neighbourStart = new Int32Array(C + 1);
  const neighbour: number[] = [];
  const neighbourCount: number[] = [];
  for (let c = 0; c < C; c++) {
    let size = 0;
    for (let k = classStart[c]!; k < classStart[c + 1]!; k++) {
      const row = classRows[k]!;
      for (let j = rivalStart[row]!; j < rivalStart[row + 1]!; j++) {
        const d = rivals[j]!;
        if (count[d]!++ === 0) touched[size++] = d;
      }
    }
    for (let i = 0; i < size; i++) {
      neighbour.push(touched[i]!);
      neighbourCount.push(count[touched[i]!]!);
      count[touched[i]!] = 0;
    }
    neighbourStart[c + 1] = neighbour.length;
  }
  const slotOf = new Int32Array(C).fill(-1);
  // Pull of each unplaced class towards the line being filled, and the classes with a pull.
  const pull = new Int32Array(C);
  const pulled: number[] = [];
  let placed = 0;
  let seed = 0;
  while (placed < C) {
    while (slotOf[seed]! >= 0) seed++;
    let c = seed;
    for (let inLine = 0; ; ) {
      slotOf[c] = placed++;
      if (++inLine === CLASSES_PER_LINE || placed === C) break;
      for (let i = neighbourStart[c]!; i < neighbourStart[c + 1]!; i++) {
        const d = neighbour[i]!;
        if (slotOf[d]! >= 0) continue;
        if (pull[d] === 0) pulled.push(d);
        pull[d]! += neighbourCount[i]!;
      }
      // The strongest pull, ties to the lower class; with no pull at all, the next seed.
      let best = -1;
      for (const d of pulled) if (slotOf[d]! < 0 && (best < 0 || pull[d]! > pull[best]! || (pull[d] === pull[best] && d < best))) best = d;
      if (best < 0) {
        while (slotOf[seed]! >= 0) seed++;
        best = seed;
      }
      c = best;
    }
    for (const d of pulled) pull[d] = 0;
    pulled.length = 0;
  }
  return slotOf;
}

/** Length of a dense row: the classes, rounded up to whole cache lines so that a line of places is one cache line. */
function paddedClassCount(classCount: number): number {
  return Math.ceil(classCount / CLASSES_PER_LINE) * CLASSES_PER_LINE;
}

/** Reorders items[0..n) so that its first k hold the k highest scores (quickselect). */
function selectHighest(items: Int32Array, n: number, k: number, score: Float64Array): void {
  let low = 0;
  let high = n - 1;
  while (low < high) {
    const pivot = score[items[(low + high) >> 1]!]!;
    let i = low;
    let j = high;
    while (i <= j) {
      while (score[items[i]!]! > pivot) i++;
      while (score[items[j]!]! < pivot) j--;
      if (i <= j) {
        const t = items[i]!;
        items[i++] = items[j]!;
        items[j--] = t;
      }
    }
    if (k - 1 <= j) high = j;
    else if (k - 1 >= i) low = i;
    else return;
  }
}

/** The averaged weights of each class plus its weighted centroid, pruned, as sparse vectors in feature order. */
function classVectors(packed: Packed, table: WeightTable, { centroidWeight, fullCentroidUpTo, prune }: TrainingOptions): SparseVector[] {
  const { features, weight: exampleWeight, classStart, classRows } = packed;
  const C = table.classCount;
  const F = features.length;
  const denseFeatures: number[] = [];
  for (let f = 0; f < F; f++) if (table.row[f]! >= 0) denseFeatures.push(f);
  // The listed entries regrouped by class.
  const entryStart = new Int32Array(C + 1);
  for (let f = 0; f < F; f++) {
    if (table.row[f]! >= 0) continue;
    for (let i = table.start[f]!; i < table.start[f]! + table.length[f]!; i++) entryStart[table.classOf[i]! + 1]!++;
  }
  for (let c = 0; c < C; c++) entryStart[c + 1]! += entryStart[c]!;
  const entryFeature = new Int32Array(entryStart[C]!);
  const entryWeight = new Float32Array(entryStart[C]!);
  const next = entryStart.slice(0, C);
  for (let f = 0; f < F; f++) {
    if (table.row[f]! >= 0) continue;
    for (let i = table.start[f]!; i < table.start[f]! + table.length[f]!; i++) {
      const at = next[table.classOf[i]!]!++;
      entryFeature[at] = f;
      entryWeight[at] = table.weight[i]!;
    }
  }

  const final = new Float32Array(F);
  const held = new Uint8Array(F);
  const touched: number[] = [];
  const hold = (f: number): void => {
    if (held[f] === 0) {
      held[f] = 1;
      touched.push(f);
    }
  };
  const scratch = new CentroidScratch(F);
  const vectors: SparseVector[] = [];
  for (let c = 0; c < C; c++) {
    for (const f of denseFeatures) {
      const w = table.dense[table.row[f]! * table.rowLength + table.slotOf[c]!]!;
      if (w === 0) continue;
      final[f] = w;
      hold(f);
    }
    for (let i = entryStart[c]!; i < entryStart[c + 1]!; i++) {
      final[entryFeature[i]!] = entryWeight[i]!;
      hold(entryFeature[i]!);
    }
    if (centroidWeight !== 0) {
      const length = Math.sqrt(scratch.fill(packed, c));
      let mass = 0;
      for (let k = classStart[c]!; k < classStart[c + 1]!; k++) mass += exampleWeight[classRows[k]!]!;
      // An answer with many questions is described well by its learned weights; the centroid matters for the few-shot ones.
      const share = centroidWeight * Math.min(1, Math.sqrt(fullCentroidUpTo / mass));
      for (let i = 0; i < scratch.size; i++) {
        const f = scratch.touched[i]!;
        final[f] = final[f]! + (share * scratch.sum[f]!) / length;
        hold(f);
      }
    }
    let largest = 0;
    for (const f of touched) largest = Math.max(largest, Math.abs(final[f]!));
    touched.sort((a, b) => a - b);
    const vector: SparseVector = new Map();
    for (const f of touched) {
      const w = final[f]!;
      if (w !== 0 && Math.abs(w) >= prune * largest) vector.set(features[f]!, w);
      final[f] = 0;
      held[f] = 0;
    }
    touched.length = 0;
    vectors.push(vector);
  }
  return vectors;
}

/** A copy of `array` with room for `size` entries, the new ones zero. */
function grown<T extends Int32Array | Float32Array>(array: T, size: number): T {
  const copy = new (array.constructor as new (length: number) => T)(size);
  copy.set(array);
  return copy;
}
