import { type Candidate } from '../match/matcher';

/** Most numbered choices offered at once: more than three is a menu to read, not a question to answer. */
export const MAX_CHOICES = 3;

/**
 * How close to the best candidate another must score to count as "about equally likely", as a share of the best score.
 * Chosen on the development sets with `faqbot eval --choice-ratio`: the ratio that lets the most in-scope messages reach
 * their answer while choices go to at most 1 message in 20 on every set (docs/design.md, "Numbered choices").
 */
export const DEFAULT_CHOICE_RATIO = 0.5;

/** The thresholds the ambiguity rule reads, the matcher's own. */
export interface ChoiceThresholds {
  /** Lowest score at which the best answer is given. */
  readonly threshold: number;
  /** Lowest score at which a near miss is offered at all. */
  readonly suggestThreshold: number;
  /** Share of the best score another candidate needs to be offered beside it. */
  readonly ratio: number;
}

/** Why numbered choices are offered: the best is below the threshold but near it, or several answers are about equally likely. */
export type ChoiceReason = 'nearMiss' | 'tie';

/** The answers to offer as numbered choices for a ranking, best first, and why; null when the bot should answer or fall back instead. */
export function chooseCandidates(candidates: readonly Candidate[], { threshold, suggestThreshold, ratio }: ChoiceThresholds): { reason: ChoiceReason; offered: Candidate[] } | null {
  const top = candidates[0];
  if (top === undefined || top.score < suggestThreshold) return null;
  // Candidates hold one entry per answer, so each option is a different answer.
  const close = candidates.filter((c) => c.score >= ratio * top.score && c.score >= suggestThreshold && c.question !== '').slice(0, MAX_CHOICES);
  if (top.score < threshold) return close.length === 0 ? null : { reason: 'nearMiss', offered: close };
  return close.length >= 2 ? { reason: 'tie', offered: close } : null;
}
