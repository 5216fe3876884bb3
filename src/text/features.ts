import { getLanguage } from './language';
import { getSenses } from './senses';
import { type TextOptions } from './options';
import { tokenize } from './tokenize';

/** Feature counts of a text; keys carry their kind: `w:` stem, `b:` stem pair, `c:` character n-gram. */
export type Features = Map<string, number>;

/** Turns a text into feature counts; the one function both reindex and the matcher call. */
export type FeatureExtractor = (text: string) => Features;

/** Kinds of feature, each normalized on its own before they are combined. */
export const FEATURE_KINDS = ['w', 'b', 'c', 's'] as const;

/** One kind of feature. */
export type FeatureKind = (typeof FEATURE_KINDS)[number];

/** The kind of a feature key. */
export function featureKind(key: string): FeatureKind {
  return key.charAt(0) as FeatureKind;
}

// Stemming dominates feature extraction; messages reuse a small vocabulary, so a bounded cache pays.
const STEM_CACHE_LIMIT = 100_000;

/** Features of a text together with the words they came from, for weighing unknown features by the kind of word. */
export interface TracedFeatures {
  readonly counts: Features;
  /** The words of the text, as `tokenize` returns them. */
  readonly words: readonly string[];
  /** For each feature, the positions in `words` of the words it was taken from: one for a stem or n-gram, two for a pair (one next to a boundary mark). */
  readonly sources: ReadonlyMap<string, readonly number[]>;
}

/** Builds the feature extractor for a set of text options: tokenize, stem, pair stems, cut character n-grams. */
export function createFeatureExtractor(options: TextOptions): FeatureExtractor {
  const extract = createExtractor(options);
  return (text) => {
    const features: Features = new Map();
    extract(tokenize(text), (key) => features.set(key, (features.get(key) ?? 0) + 1));
    return features;
  };
}

/**
 * Like {@link createFeatureExtractor}, but also says which words each feature came from (the first occurrence's).
 * Words at the `skip` positions (of `tokenize`'s words) give no feature at all: no stem, no pair, no n-gram.
 */
export function createTracingFeatureExtractor(options: TextOptions): (text: string, skip?: ReadonlySet<number>) => TracedFeatures {
  const extract = createExtractor(options);
  return (text, skip) => {
    const words = tokenize(text);
    const counts: Features = new Map();
    const sources = new Map<string, number[]>();
    extract(words, (key, positions) => {
      if (skip !== undefined && positions.some((position) => skip.has(position))) return;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (!sources.has(key)) sources.set(key, positions);
    });
    return { counts, words, sources };
  };
}

type FeatureSink = (key: string, positions: number[]) => void;

function createExtractor(options: TextOptions): (words: readonly string[], add: FeatureSink) => void {
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
  const senses = options.senses === true && options.language === 'en' ? getSenses() : undefined;

  return (words, add) => {
    const kept: number[] = [];
    words.forEach((word, i) => {
      if (!stopWords.has(word)) kept.push(i);
    });
    const stems = kept.map((i) => stem(words[i]!));
    stems.forEach((s, k) => add(`w:${s}`, [kept[k]!]));
    if (senses !== undefined) for (const i of kept) for (const sense of senses(words[i]!)) add(`s:${sense}`, [i]);
    if (options.wordBigrams && stems.length > 0) {
      // Boundary marks let "open?" and "open on sundays" differ in how a question starts and ends.
      add(`b:<s> ${stems[0]}`, [kept[0]!]);
      for (let k = 1; k < stems.length; k++) add(`b:${stems[k - 1]} ${stems[k]}`, [kept[k - 1]!, kept[k]!]);
      add(`b:${stems[stems.length - 1]} </s>`, [kept[stems.length - 1]!]);
    }
    if (maxGram > 0) {
      words.forEach((word, i) => {
        const padded = ` ${word} `;
        for (let n = minGram; n <= maxGram && n <= padded.length; n++) {
          for (let j = 0; j + n <= padded.length; j++) add(`c:${padded.slice(j, j + n)}`, [i]);
        }
      });
    }
  };
}
