import { type LoadedIndex } from '../index/loaded-index';
import { resolveMatchOptions, type MatchOptions } from './options';
import { createQueryScorer } from './query-scores';
import { rankAnswers, rankOf } from './score';

/** One ranked answer for a message. */
export interface Candidate {
  /** Corpus id of the answer. */
  readonly id: string;
  readonly answer: string;
  readonly category: string;
  /** The answer's first question, to offer as "did you mean". */
  readonly question: string;
  /** Calibrated confidence, 0 to 1; the threshold applies to it. */
  readonly score: number;
}

/** The ranked answers for a message; `best` is set only when it clears the threshold. */
export interface MatchResult {
  readonly best: Candidate | null;
  /** Every candidate in rank order, the best included, whether or not it clears the threshold. */
  readonly candidates: readonly Candidate[];
}

/** Scores messages against one loaded index. */
export interface Matcher {
  readonly options: MatchOptions;
  /** Ranks the answers for a message. */
  match(text: string): MatchResult;
  /** Place of one answer (by corpus id) in the full ranking for a message, 1 for the best; null if the id is unknown or nothing scored. */
  rank(text: string, id: string): number | null;
}

/** Builds a matcher over a loaded index, processing messages exactly as the index processed its corpus. */
export function createMatcher(index: LoadedIndex, options: Partial<MatchOptions> = {}): Matcher {
  const resolved = resolveMatchOptions(options);
  const { calibration } = index.meta.options;
  const positionOf = new Map(index.answers.map((answer, i) => [answer.id, i]));
  // Two arrays of the vector count, reused by every message rather than allocated for each (40 kB each at 5,000 answers).
  const scores = new Float64Array(index.vectorAnswer.length);
  const exps = new Float64Array(index.vectorAnswer.length);
  const score = createQueryScorer(index, scores);

  return {
    options: resolved,
    match(text) {
      if (score(text) === null) return { best: null, candidates: [] };
      const candidates = rankAnswers(scores, index.vectorAnswer, calibration, resolved.candidates, exps).map(({ answer, score }): Candidate => {
        const entry = index.answers[answer]!;
        return { id: entry.id, answer: entry.answer, category: entry.category, question: entry.questions[0] ?? '', score };
      });
      const top = candidates[0];
      return { best: top !== undefined && top.score >= resolved.threshold ? top : null, candidates };
    },
    rank(text, id) {
      const answer = positionOf.get(id);
      return answer === undefined || score(text) === null ? null : rankOf(scores, index.vectorAnswer, answer);
    },
  };
}
