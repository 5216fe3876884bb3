import { type LanguageCode } from './language';

/** How text becomes features; recorded in the index so queries are processed exactly as the corpus was. */
export interface TextOptions {
  /** Language of the corpus, which picks natural's stemmer and stop words. Default `'en'`. */
  readonly language: LanguageCode;
  /** Drop the language's stop words from word features. Default `false`: "when", "where" and "how" tell FAQ questions apart. */
  readonly removeStopWords: boolean;
  /** Add each pair of adjacent stems (and the first and last stem with a boundary mark), so word order counts a little. Default `true`. */
  readonly wordBigrams: boolean;
  /** Sizes of the character n-grams taken inside each word, which survive typos and inflections; `[0, 0]` for none. Default `[3, 4]`. */
  readonly charNgrams: readonly [number, number];
  /**
   * Add the most frequent WordNet noun and verb sense of each word as a feature of its own kind (English only, ignored
   * for other languages), so that synonyms meet ("film" and "movie"). Default `true`. Indexes built before this option
   * lack it and are read without senses, as they were built.
   */
  readonly senses: boolean;
  /**
   * Cut runs of scripts written without spaces (Chinese, Japanese, Thai, ...) into words with ICU's word breaker, so
   * that "几点开门" and "你们几点开门" share words, and keep those words' marks (Thai vowels, kana voicing) rather than
   * fold them away like accents. Default `true`. Indexes built before this option lack it and are read as they were
   * built: such runs whole, their marks dropped.
   */
  readonly segmentWords: boolean;
}

/** The defaults of every text option. */
export const DEFAULT_TEXT_OPTIONS: TextOptions = {
  language: 'en',
  removeStopWords: false,
  wordBigrams: true,
  charNgrams: [3, 4],
  senses: true,
  segmentWords: true,
};
