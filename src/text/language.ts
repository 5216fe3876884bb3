import porterEn = require('natural/lib/natural/stemmers/porter_stemmer');
import porterEs = require('natural/lib/natural/stemmers/porter_stemmer_es');
import porterFr = require('natural/lib/natural/stemmers/porter_stemmer_fr');
import porterIt = require('natural/lib/natural/stemmers/porter_stemmer_it');
import porterPt = require('natural/lib/natural/stemmers/porter_stemmer_pt');
import porterNl = require('natural/lib/natural/stemmers/porter_stemmer_nl');
import porterDe = require('natural/lib/natural/stemmers/porter_stemmer_de');
import stopEn = require('natural/lib/natural/util/stopwords');
import stopEs = require('natural/lib/natural/util/stopwords_es');
import stopFr = require('natural/lib/natural/util/stopwords_fr');
import stopIt = require('natural/lib/natural/util/stopwords_it');
import stopPt = require('natural/lib/natural/util/stopwords_pt');
import stopNl = require('natural/lib/natural/util/stopwords_nl');

/** A language the text pipeline can process: natural's stemmer and stop-word list for it. */
export interface Language {
  readonly stem: (token: string) => string;
  readonly stopWords: readonly string[];
}

// Only languages for which natural ships a Porter/Snowball stemmer; German has no stop-word list there.
const LANGUAGES = {
  en: { stem: (t: string) => porterEn.stem(t), stopWords: stopEn.words },
  es: { stem: (t: string) => porterEs.stem(t), stopWords: stopEs.words },
  fr: { stem: (t: string) => porterFr.stem(t), stopWords: stopFr.words },
  it: { stem: (t: string) => porterIt.stem(t), stopWords: stopIt.words },
  pt: { stem: (t: string) => porterPt.stem(t), stopWords: stopPt.words },
  nl: { stem: (t: string) => porterNl.stem(t), stopWords: stopNl.words },
  de: { stem: (t: string) => porterDe.stem(t), stopWords: [] },
} satisfies Record<string, Language>;

/** ISO 639-1 code of a supported language. */
export type LanguageCode = keyof typeof LANGUAGES;

/** The codes of all supported languages, for validating settings. */
export const LANGUAGE_CODES = Object.keys(LANGUAGES) as LanguageCode[];

/** Returns the stemmer and stop words for a language code. */
export function getLanguage(code: LanguageCode): Language {
  return LANGUAGES[code];
}
