import { getLanguage } from './language';
import { type TextOptions } from './options';
import { tokenize } from './tokenize';

/** Feature counts of a text; keys carry their kind: `w:` stem, `b:` stem pair, `c:` character n-gram. */
export type Features = Map<string, number>;

/** Turns a text into feature counts; the one function both reindex and the matcher call. */
export type FeatureExtractor = (text: string) => Features;

/** Kinds of feature, each normalized on its own before they are combined. */
export const FEATURE_KINDS = ['w', 'b', 'c'] as const;

/** One kind of feature. */
export type FeatureKind = (typeof FEATURE_KINDS)[number];

/** The kind of a feature key. */
export function featureKind(key: string): FeatureKind {
  return key.charAt(0) as FeatureKind;
}

// Stemming dominates feature extraction; messages reuse a small vocabulary, so a bounded cache pays.
const STEM_CACHE_LIMIT = 100_000;

/** Builds the feature extractor for a set of text options: tokenize, stem, pair stems, cut character n-grams. */
export function createFeatureExtractor(options: TextOptions): FeatureExtractor {
  const language = getLanguage(options.language);
  const stopWords = new Set(options.removeStopWords ? language.stopWords : []);
  const cache = new Map<string, string>();
  const stem = (word: string): string => {
    let stemmed = cache.get(word);
    if (stemmed === undefined) {
      stemmed = language.stem(word);
      if (cache.size < STEM_CACHE_LIMIT) cache.set(word, stemmed);
    }
    return stemmed;
  };
  const [minGram, maxGram] = options.charNgrams;

  return (text) => {
    const features: Features = new Map();
    const add = (key: string): void => {
      features.set(key, (features.get(key) ?? 0) + 1);
    };
    const words = tokenize(text);
    const stems = words.filter((word) => !stopWords.has(word)).map(stem);
    for (const s of stems) add(`w:${s}`);
    if (options.wordBigrams && stems.length > 0) {
      // Boundary marks let "open?" and "open on sundays" differ in how a question starts and ends.
      const marked = ['<s>', ...stems, '</s>'];
      for (let i = 1; i < marked.length; i++) add(`b:${marked[i - 1]} ${marked[i]}`);
    }
    if (maxGram > 0) {
      for (const word of words) {
        const padded = ` ${word} `;
        for (let n = minGram; n <= maxGram && n <= padded.length; n++) {
          for (let i = 0; i + n <= padded.length; i++) add(`c:${padded.slice(i, i + n)}`);
        }
      }
    }
    return features;
  };
}
