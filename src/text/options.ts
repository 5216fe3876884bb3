import { type LanguageCode } from './language';

/** How text becomes terms; recorded in the index so queries are processed exactly as the corpus was. */
export interface TextOptions {
  /** Language of the corpus, which picks natural's stemmer and stop words. Default `'en'`. */
  readonly language: LanguageCode;
  /** Drop the language's stop words. Default `false`: "when", "where" and "how" tell FAQ questions apart. */
  readonly removeStopWords: boolean;
  /** Add each pair of adjacent stems as a term, so word order counts a little. Default `true`. */
  readonly wordBigrams: boolean;
}

/** The defaults of every text option. */
export const DEFAULT_TEXT_OPTIONS: TextOptions = {
  language: 'en',
  removeStopWords: false,
  wordBigrams: true,
};
