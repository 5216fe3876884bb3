import { type LanguageCode } from './language';
import { type DictionaryLookup } from './token-class';
import { findLemma, readWordNet } from './wordnet';

let english: DictionaryLookup | undefined;

/**
 * The dictionary of a language, to tell common words from names: for English, every single-word WordNet lemma
 * and its regular inflections ("storms", "booked"); other languages have none (undefined). Made once per process.
 */
export function getDictionary(language: LanguageCode): DictionaryLookup | undefined {
  if (language !== 'en') return undefined;
  if (english === undefined) {
    const { words } = readWordNet();
    english = (token) => findLemma(token, (candidate) => words.has(candidate)) !== undefined;
  }
  return english;
}
