import { getLanguage } from './language';
import { type TextOptions } from './options';
import { tokenize } from './tokenize';

/** Turns a text into terms; the one function both reindex and the matcher call. */
export type Analyzer = (text: string) => string[];

/** Builds the analyzer for a set of text options: tokenize, drop stop words, stem, add bigrams. */
export function createAnalyzer(options: TextOptions): Analyzer {
  const language = getLanguage(options.language);
  const stopWords = new Set(options.removeStopWords ? language.stopWords : []);
  return (text) => {
    const stems = tokenize(text)
      .filter((token) => !stopWords.has(token))
      .map((token) => language.stem(token));
    if (!options.wordBigrams) return stems;
    const terms = [...stems];
    // A space cannot occur inside a stem, so bigram terms never collide with word terms.
    for (let i = 1; i < stems.length; i++) terms.push(`${stems[i - 1]} ${stems[i]}`);
    return terms;
  };
}
