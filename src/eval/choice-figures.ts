import { type Candidate } from '../match/matcher';
import { chooseCandidates } from '../reply/ambiguity';

/** One labeled message's ranking, as the ambiguity rule reads it. */
export interface RankedRow {
  /** The right answer id, or null when the message is out of scope. */
  readonly gold: string | null;
  readonly candidates: readonly Candidate[];
}

/** What the numbered-choices rule does to a test set at one ratio; fractions are 0..1. */
export interface ChoiceFigures {
  readonly ratio: number;
  /** Rows that get numbered choices instead of an answer or a fallback, over all rows. */
  readonly offeredRate: number;
  /** Of those, the ones where the best is above the threshold but others are about as likely (the rest are near misses). */
  readonly offeredTies: number;
  readonly offeredNearMisses: number;
  /** Rows answered right over rows answered, without the rule (every row at or above the threshold is answered). */
  readonly answeredAccuracyBefore: number;
  /** The same with the rule: ties get choices instead of an answer. */
  readonly answeredAccuracyAfter: number;
  /** Share of all rows answered, without and with the rule. */
  readonly answeredRateBefore: number;
  readonly answeredRateAfter: number;
  /** In-scope rows offered choices whose right answer is among them, over in-scope rows offered choices. */
  readonly choiceContainsRight: number;
  /** In-scope rows answered right or offered choices holding the right answer, over in-scope rows: how often the customer gets there. */
  readonly reachedRight: number;
}

const ratioOf = (part: number, whole: number): number => (whole === 0 ? 1 : part / whole);

/** Applies the ambiguity rule at `ratio` to every ranked row and counts what changes against answering the best alone. */
export function choiceFigures(rows: readonly RankedRow[], threshold: number, suggestThreshold: number, ratio: number): ChoiceFigures {
  let answeredBefore = 0;
  let rightBefore = 0;
  let answeredAfter = 0;
  let rightAfter = 0;
  let ties = 0;
  let nearMisses = 0;
  let offeredInScope = 0;
  let offeredHolding = 0;
  let inScope = 0;
  let reached = 0;
  for (const { gold, candidates } of rows) {
    const top = candidates[0];
    const answered = top !== undefined && top.score >= threshold;
    const right = answered && gold !== null && top.id === gold;
    if (answered) answeredBefore++;
    if (right) rightBefore++;
    if (gold !== null) inScope++;
    const offer = chooseCandidates(candidates, { threshold, suggestThreshold, ratio });
    if (offer === null) {
      if (answered) answeredAfter++;
      if (right) {
        rightAfter++;
        reached++;
      }
      continue;
    }
    if (offer.reason === 'tie') ties++;
    else nearMisses++;
    if (gold === null) continue;
    offeredInScope++;
    if (offer.offered.some((c) => c.id === gold)) {
      offeredHolding++;
      reached++;
    }
  }
  return {
    ratio,
    offeredRate: ratioOf(ties + nearMisses, rows.length),
    offeredTies: ties,
    offeredNearMisses: nearMisses,
    answeredAccuracyBefore: ratioOf(rightBefore, answeredBefore),
    answeredAccuracyAfter: ratioOf(rightAfter, answeredAfter),
    answeredRateBefore: ratioOf(answeredBefore, rows.length),
    answeredRateAfter: ratioOf(answeredAfter, rows.length),
    choiceContainsRight: ratioOf(offeredHolding, offeredInScope),
    reachedRight: ratioOf(reached, inScope),
  };
}
