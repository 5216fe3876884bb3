import { getLanguage } from './language';
import { getSenses } from './senses';
import { type TextOptions } from './options';
import { tokenize, type TokenizeOptions } from './tokenize';

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

/** Position of a key's kind in FEATURE_KINDS, for weights kept by kind in arrays; throws for a key of no kind. */
export function featureKindIndex(key: string): number {
  const kind = FEATURE_KINDS.indexOf(featureKind(key));
  if (kind < 0) throw new Error(`feature key ${key} has no kind`);
  return kind;
}

// Stemming and cutting n-grams dominate feature extraction; messages reuse a small vocabulary, so a bounded cache of
// each word's stem and n-gram keys pays. Emptied when full, so that a long-running server keeps the words of late.
const WORD_CACHE_LIMIT = 20_000;

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
  const split = tokenizeOptions(options);
  return (text) => {
    const features: Features = new Map();
    extract(tokenize(text, split), (key) => features.set(key, (features.get(key) ?? 0) + 1));
    return features;
  };
}

/**
 * Like {@link createFeatureExtractor}, but also says which words each feature came from (the first occurrence's).
 * Words at the `skip` positions (of `tokenize`'s words) give no feature at all: no stem, no pair, no n-gram.
 */
export function createTracingFeatureExtractor(options: TextOptions): (text: string, skip?: ReadonlySet<number>) => TracedFeatures {
  const extract = createExtractor(options);
  const split = tokenizeOptions(options);
  return (text, skip) => {
    const words = tokenize(text, split);
    const counts: Features = new Map();
    const sources = new Map<string, number[]>();
    extract(words, (key, first, second) => {
      if (skip !== undefined && (skip.has(first) || (second !== NO_WORD && skip.has(second)))) return;
      const count = counts.get(key);
      if (count !== undefined) {
        counts.set(key, count + 1);
        return;
      }
      counts.set(key, 1);
      sources.set(key, second === NO_WORD ? [first] : [first, second]);
    });
    return { counts, words, sources };
  };
}

// An index records its text options as it was built; one from before word breaking has no segmentWords.
const tokenizeOptions = (options: TextOptions): TokenizeOptions => ({ segmentWords: options.segmentWords === true });

// A feature comes from one word or, for a pair, two; the sink takes positions as numbers so that no array is made
// for a feature already counted.
const NO_WORD = -1;
type FeatureSink = (key: string, first: number, second: number) => void;

/** What a word gives wherever it stands: its stem, its stem's feature key, its sense keys, its n-gram keys in order. */
interface WordFeatures {
  readonly stem: string;
  readonly stemKey: string;
  readonly senseKeys: readonly string[];
  readonly grams: readonly string[];
}

function createExtractor(options: TextOptions): (words: readonly string[], add: FeatureSink) => void {
  const language = getLanguage(options.language);
  const stopWords = new Set(options.removeStopWords ? language.stopWords : []);
  const [minGram, maxGram] = options.charNgrams;
  const senses = options.senses === true && options.language === 'en' ? getSenses() : undefined;
  const cache = new Map<string, WordFeatures>();
  const featuresOf = (word: string): WordFeatures => {
    let found = cache.get(word);
    if (found === undefined) {
      const stem = language.stem(word);
      found = {
        stem,
        stemKey: `w:${stem}`,
        senseKeys: senses === undefined ? [] : senses(word).map((sense) => `s:${sense}`),
        grams: maxGram > 0 ? characterNgrams(word, minGram, maxGram) : [],
      };
      if (cache.size >= WORD_CACHE_LIMIT) cache.clear();
      cache.set(word, found);
    }
    return found;
  };

  return (words, add) => {
    const read = words.map(featuresOf);
    const kept: number[] = [];
    words.forEach((word, i) => {
      if (!stopWords.has(word)) kept.push(i);
    });
    for (const i of kept) add(read[i]!.stemKey, i, NO_WORD);
    for (const i of kept) for (const key of read[i]!.senseKeys) add(key, i, NO_WORD);
    if (options.wordBigrams && kept.length > 0) {
      // Boundary marks let "open?" and "open on sundays" differ in how a question starts and ends.
      const stemAt = (k: number): string => read[kept[k]!]!.stem;
      add(`b:<s> ${stemAt(0)}`, kept[0]!, NO_WORD);
      for (let k = 1; k < kept.length; k++) add(`b:${stemAt(k - 1)} ${stemAt(k)}`, kept[k - 1]!, kept[k]!);
      add(`b:${stemAt(kept.length - 1)} </s>`, kept[kept.length - 1]!, NO_WORD);
    }
    read.forEach(({ grams }, i) => {
      for (const gram of grams) add(gram, i, NO_WORD);
    });
  };
}

// Sizes in order, then positions: the order the features of a word have always been counted in.
function characterNgrams(word: string, minGram: number, maxGram: number): string[] {
  const padded = ` ${word} `;
  const grams: string[] = [];
  for (let n = minGram; n <= maxGram && n <= padded.length; n++) {
    for (let j = 0; j + n <= padded.length; j++) grams.push(`c:${padded.slice(j, j + n)}`);
  }
  return grams;
}
