/** The matcher's verdict on one labeled row. */
export interface Prediction {
  /** The right label, or null when the row is out of scope. */
  readonly gold: string | null;
  /** The best-scoring label, or null when nothing scored at all. */
  readonly predicted: string | null;
  /** Score of the best label, 0 when nothing scored. */
  readonly score: number;
}

/** How well predictions fare at one threshold; fractions are 0..1. */
export interface Metrics {
  /** In-scope rows answered with their label at or above the threshold, over all in-scope rows. */
  readonly inScopeAccuracy: number;
  /** Out-of-scope rows that fell back, over all out-of-scope rows (1 when there are none). */
  readonly oosRecall: number;
  /** Rows that fell back and are out of scope, over all rows that fell back (1 when none fell back). */
  readonly oosPrecision: number;
  /** Rows right, counting "out of scope" as one more class, over all rows. */
  readonly accuracy: number;
}

/** True when the row is answered (score at or above the threshold) with its label, or is out of scope and falls back. */
export function isCorrect(p: Prediction, threshold: number): boolean {
  const answered = p.predicted !== null && p.score >= threshold;
  return p.gold === null ? !answered : answered && p.predicted === p.gold;
}

const ratio = (part: number, whole: number): number => (whole === 0 ? 1 : part / whole);

/** Computes the four measures of a set of predictions at one threshold. */
export function computeMetrics(predictions: readonly Prediction[], threshold: number): Metrics {
  let inScope = 0;
  let inScopeRight = 0;
  let oos = 0;
  let oosFellBack = 0;
  let fellBack = 0;
  let right = 0;
  for (const p of predictions) {
    const answered = p.predicted !== null && p.score >= threshold;
    if (!answered) fellBack++;
    if (isCorrect(p, threshold)) right++;
    if (p.gold === null) {
      oos++;
      if (!answered) oosFellBack++;
    } else {
      inScope++;
      if (answered && p.predicted === p.gold) inScopeRight++;
    }
  }
  return {
    inScopeAccuracy: ratio(inScopeRight, inScope),
    oosRecall: ratio(oosFellBack, oos),
    oosPrecision: ratio(oosFellBack, fellBack),
    accuracy: predictions.length === 0 ? 0 : right / predictions.length,
  };
}

/**
 * The threshold with the highest accuracy over the predictions. Of equally good thresholds the highest
 * (the most cautious) is taken, placed halfway down to the next lower score for a margin on both sides.
 */
export function tuneThreshold(predictions: readonly Prediction[]): number {
  // Sweep thresholds from above every score down to 0: lowering it past a score answers that row.
  const sorted = [...predictions].sort((a, b) => b.score - a.score);
  let right = predictions.filter((p) => p.gold === null).length;
  let best = right;
  let bestIndex = 0; // rows [0, bestIndex) are answered
  for (let i = 0; i < sorted.length; ) {
    const score = sorted[i]!.score;
    // Rows with equal scores cross the threshold together.
    for (; i < sorted.length && sorted[i]!.score === score; i++) {
      const p = sorted[i]!;
      if (p.predicted === null) continue; // nothing to answer with, whatever the threshold
      if (p.gold === null) right--;
      else if (p.predicted === p.gold) right++;
    }
    if (right > best) {
      best = right;
      bestIndex = i;
    }
  }
  if (bestIndex === 0) return Math.min(1, (sorted[0]?.score ?? 0) + 1e-6);
  const lowestAnswered = sorted[bestIndex - 1]!.score;
  const highestUnanswered = sorted[bestIndex]?.score ?? 0;
  return (lowestAnswered + highestUnanswered) / 2;
}

/** The in-scope rows answered with a wrong label, counted by (gold, predicted) pair, most frequent first. */
export function confusedPairs(predictions: readonly Prediction[], limit: number): { gold: string; predicted: string; count: number }[] {
  const counts = new Map<string, { gold: string; predicted: string; count: number }>();
  for (const p of predictions) {
    if (p.gold === null || p.predicted === null || p.predicted === p.gold) continue;
    const key = `${p.gold}\u0000${p.predicted}`;
    const entry = counts.get(key) ?? { gold: p.gold, predicted: p.predicted, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.gold.localeCompare(b.gold)).slice(0, limit);
}

/** The value below which `fraction` of the sorted samples fall (nearest rank). */
export function percentile(sortedSamples: readonly number[], fraction: number): number {
  if (sortedSamples.length === 0) return 0;
  const rank = Math.ceil(fraction * sortedSamples.length);
  return sortedSamples[Math.min(sortedSamples.length - 1, Math.max(0, rank - 1))]!;
}
