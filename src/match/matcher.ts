import { type LoadedIndex } from '../index/loaded-index';
import { weighFeatures } from '../index/tfidf';
import { getDictionary } from '../text/dictionary';
import { createTracingFeatureExtractor } from '../text/features';
import { capitalsMarkNames, classifyTokens, type TokenReading } from '../text/token-class';
import { resolveMatchOptions, type MatchOptions } from './options';
import { rankAnswers, rankOf, scoreVectors } from './score';
import { unknownFeatureWeights, unknownNames } from './unknown-weights';

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
  const { options: indexOptions, unknownIdf } = index.meta;
  const { calibration } = indexOptions;
  const extract = createTracingFeatureExtractor(indexOptions.text);
  const { language } = indexOptions.text;
  const reading: TokenReading = { isWord: getDictionary(language), capitalsMarkNames: capitalsMarkNames(language) };
  const idf = (key: string): number | undefined => index.postings.get(key)?.idf;
  const isKnown = (key: string): boolean => index.postings.has(key);
  const positionOf = new Map(index.answers.map((answer, i) => [answer.id, i]));

  /** Raw scores of every vector, or null when the message shares no feature with the index. */
  const score = (text: string): Float64Array | null => {
    let traced = extract(text);
    const classOf = classifyTokens(text, traced.words, reading);
    if (calibration.unknownWeights.name === 0) {
      const names = unknownNames(traced, classOf, isKnown);
      // Most messages have no unknown name; those that do are read again without them.
      if (names.size > 0) traced = extract(text, names);
    }
    const unknown = unknownFeatureWeights(traced, classOf, isKnown, calibration.unknownWeights, unknownIdf);
    const query = weighFeatures(traced.counts, idf, indexOptions.weighting, unknown);
    return query.size === 0 ? null : scoreVectors(query, index.postings, index.vectorAnswer.length);
  };

  return {
    options: resolved,
    match(text) {
      const scores = score(text);
      if (scores === null) return { best: null, candidates: [] };
      const candidates = rankAnswers(scores, index.vectorAnswer, calibration, resolved.candidates).map(({ answer, score }): Candidate => {
        const entry = index.answers[answer]!;
        return { id: entry.id, answer: entry.answer, category: entry.category, question: entry.questions[0] ?? '', score };
      });
      const top = candidates[0];
      return { best: top !== undefined && top.score >= resolved.threshold ? top : null, candidates };
    },
    rank(text, id) {
      const answer = positionOf.get(id);
      const scores = answer === undefined ? null : score(text);
      return scores === null ? null : rankOf(scores, index.vectorAnswer, answer!);
    },
  };
}
