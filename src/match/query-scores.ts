import { type LoadedIndex } from '../index/loaded-index';
import { weighFeatures } from '../index/tfidf';
import { getDictionary } from '../text/dictionary';
import { createTracingFeatureExtractor } from '../text/features';
import { capitalsMarkNames, classifyTokens, type TokenReading } from '../text/token-class';
import { scoreVectors } from './score';
import { unknownFeatureWeights, unknownNames } from './unknown-weights';

/** Raw scores of every vector of an index for a message, or null when the message shares no feature with the index. */
export type QueryScorer = (text: string) => Float64Array | null;

/**
 * Reads a message as the index read its corpus (unknown names left out, other unknown features counted in the
 * length by kind) and scores it against every vector: the matcher's input, before calibration, so that tools
 * can compare calibrations on the same scores. With `into` (of the vector count) every call writes its scores there,
 * valid until the next call, rather than into a new array: the matcher's way, which keeps nothing between messages.
 */
export function createQueryScorer(index: LoadedIndex, into?: Float64Array): QueryScorer {
  const { options: indexOptions, unknownIdf } = index.meta;
  const { calibration } = indexOptions;
  const extract = createTracingFeatureExtractor(indexOptions.text);
  const { language } = indexOptions.text;
  const reading: TokenReading = { isWord: getDictionary(language), capitalsMarkNames: capitalsMarkNames(language) };
  const idf = (key: string): number | undefined => index.postings.get(key)?.idf;
  const isKnown = (key: string): boolean => index.postings.has(key);
  return (text) => {
    let traced = extract(text);
    const classOf = classifyTokens(text, traced.words, reading);
    if (calibration.unknownWeights.name === 0) {
      const names = unknownNames(traced, classOf, isKnown);
      // Most messages have no unknown name; those that do are read again without them.
      if (names.size > 0) traced = extract(text, names);
    }
    const unknown = unknownFeatureWeights(traced, classOf, isKnown, calibration.unknownWeights, unknownIdf);
    const query = weighFeatures(traced.counts, idf, indexOptions.weighting, unknown);
    return query.size === 0 ? null : scoreVectors(query, index.postings, index.vectorAnswer.length, into);
  };
}
