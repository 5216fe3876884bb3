import { countTerms, normalizeVector, weighTerms } from '../index/tfidf';
import { type LoadedIndex } from '../index/loaded-index';
import { createAnalyzer } from '../text/analyze';
import { resolveMatchOptions, type MatchOptions } from './options';
import { rankAnswers, scoreVectors } from './score';

/** One ranked answer for a message. */
export interface Candidate {
  /** Corpus id of the answer. */
  readonly id: string;
  readonly answer: string;
  readonly category: string;
  /** The corpus question closest to the message. */
  readonly question: string;
  /** Cosine similarity, 0 to 1. */
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
  const analyze = createAnalyzer(index.meta.options.text);
  const idf = (term: string): number | undefined => index.postings.get(term)?.idf;

  return {
    options: resolved,
    match(text) {
      const query = normalizeVector(weighTerms(countTerms(analyze(text)), idf, index.meta.options.sublinearTf));
      const scores = scoreVectors(query, index.postings, index.vectorAnswer.length);
      const candidates = rankAnswers(scores, index.vectorAnswer, resolved.candidates).map(({ answer, vector, score }): Candidate => {
        const entry = index.answers[answer]!;
        return { id: entry.id, answer: entry.answer, category: entry.category, question: index.vectorQuestion[vector] ?? entry.questions[0] ?? '', score: Math.min(1, score) };
      });
      const top = candidates[0];
      return { best: top !== undefined && top.score >= resolved.threshold ? top : null, candidates };
    },
  };
}
