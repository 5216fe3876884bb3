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
}

/** The defaults of every text option. */
export const DEFAULT_TEXT_OPTIONS: TextOptions = {
  language: 'en',
  removeStopWords: false,
  wordBigrams: true,
  charNgrams: [3, 4],
};
