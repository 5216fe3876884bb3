import { type CalibrationOptions } from '../index/options';
import { rankAnswers } from '../match/score';

/** One test message as raw scores: what the matcher calibrates, so that many calibrations can be measured on one scoring. */
export interface ScoredRow {
  /** Raw score of every vector of the index, or null when the message shares no feature with it (never answered). */
  readonly scores: Float64Array | null;
  /** Position of the expected answer in the index, or null when the message is out of scope. */
  readonly gold: number | null;
}

/** What one temperature and none score give on a set of scored rows at a threshold. */
export interface CalibrationPoint {
  readonly temperature: number;
  readonly noneScore: number;
  /** In-scope rows answered with their expected answer, over in-scope rows (NaN without any). */
  readonly inScopeAccuracy: number;
  /** Out-of-scope rows not answered, over out-of-scope rows (NaN without any). */
  readonly oosRecall: number;
}

/** The temperature and none score to measure; the rest of the calibration (unknown-word weights) shaped the scores already. */
export type SoftmaxCalibration = Pick<CalibrationOptions, 'temperature' | 'noneScore'>;

/** In-scope accuracy and out-of-scope recall of `rows` when the matcher's softmax uses `calibration` and answers from `threshold`. */
export function measureCalibration(rows: readonly ScoredRow[], vectorAnswer: Int32Array, calibration: SoftmaxCalibration, threshold: number): CalibrationPoint {
  // rankAnswers ignores the unknown-word weights; they only shaped the raw scores.
  const options: CalibrationOptions = { ...calibration, unknownWeights: { name: 0, word: 1, other: 1 } };
  let inScope = 0;
  let right = 0;
  let oos = 0;
  let refused = 0;
  for (const { scores, gold } of rows) {
    const top = scores === null ? undefined : rankAnswers(scores, vectorAnswer, options, 1)[0];
    const answered = top !== undefined && top.score >= threshold;
    if (gold === null) {
      oos++;
      if (!answered) refused++;
    } else {
      inScope++;
      if (answered && top.answer === gold) right++;
    }
  }
  return { ...calibration, inScopeAccuracy: inScope === 0 ? Number.NaN : right / inScope, oosRecall: oos === 0 ? Number.NaN : refused / oos };
}

/** Share of in-scope rows whose expected answer ranks first: the most any calibration can answer right, as it only ever refuses. */
export function topOneAccuracy(rows: readonly ScoredRow[], vectorAnswer: Int32Array): number {
  const inScope = rows.filter((row) => row.gold !== null);
  // Any temperature ranks as the raw scores do; a none score below every score and a zero threshold answer every row.
  const everything = measureCalibration(inScope, vectorAnswer, { temperature: 1, noneScore: Number.NEGATIVE_INFINITY }, 0);
  return everything.inScopeAccuracy;
}

/** Every combination of `temperatures` and `noneScores`, measured at `threshold`. */
export function calibrationGrid(
  rows: readonly ScoredRow[],
  vectorAnswer: Int32Array,
  temperatures: readonly number[],
  noneScores: readonly number[],
  threshold: number,
): CalibrationPoint[] {
  return temperatures.flatMap((temperature) => noneScores.map((noneScore) => measureCalibration(rows, vectorAnswer, { temperature, noneScore }, threshold)));
}

// Recalls are ratios of counts; a floor taken from another ratio of the same counts must compare equal.
const EPSILON = 1e-9;

/** The point with the highest in-scope accuracy among those whose out-of-scope recall is at least `floor`; null if none reaches it. */
export function bestAtRecall(points: readonly CalibrationPoint[], floor: number): CalibrationPoint | null {
  let best: CalibrationPoint | null = null;
  for (const point of points) {
    if (!(point.oosRecall >= floor - EPSILON)) continue;
    if (best === null || point.inScopeAccuracy > best.inScopeAccuracy) best = point;
  }
  return best;
}

/** The point with the highest out-of-scope recall among those whose in-scope accuracy is at least `target`; null if none reaches it. */
export function bestAtAccuracy(points: readonly CalibrationPoint[], target: number): CalibrationPoint | null {
  let best: CalibrationPoint | null = null;
  for (const point of points) {
    if (!(point.inScopeAccuracy >= target - EPSILON)) continue;
    if (best === null || point.oosRecall > best.oosRecall) best = point;
  }
  return best;
}
