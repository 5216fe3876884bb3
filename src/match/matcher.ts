import { type LoadedIndex } from '../index/loaded-index';
import { weighFeatures } from '../index/tfidf';
import { createFeatureExtractor } from '../text/features';
import { resolveMatchOptions, type MatchOptions } from './options';
import { rankAnswers, scoreVectors } from './score';

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
}

/** Builds a matcher over a loaded index, processing messages exactly as the index processed its corpus. */
export function createMatcher(index: LoadedIndex, options: Partial<MatchOptions> = {}): Matcher {
  const resolved = resolveMatchOptions(options);
  const { options: indexOptions, unknownIdf } = index.meta;
  const extract = createFeatureExtractor(indexOptions.text);
  const idf = (key: string): number | undefined => index.postings.get(key)?.idf;

  return {
    options: resolved,
    match(text) {
      const query = weighFeatures(extract(text), idf, indexOptions.weighting, unknownIdf);
      if (query.size === 0) return { best: null, candidates: [] };
      const scores = scoreVectors(query, index.postings, index.vectorAnswer.length);
      const candidates = rankAnswers(scores, index.vectorAnswer, indexOptions.calibration, resolved.candidates).map(({ answer, score }): Candidate => {
        const entry = index.answers[answer]!;
        return { id: entry.id, answer: entry.answer, category: entry.category, question: entry.questions[0] ?? '', score };
      });
      const top = candidates[0];
      return { best: top !== undefined && top.score >= resolved.threshold ? top : null, candidates };
    },
  };
}
