import { type LanguageCode } from './language';
import { splitWords } from './tokenize';

/**
 * What kind of word a token is, as far as the fallback decision cares when the index has never seen it:
 * - `name`: capitalised after the first word (where capitals mark names: not in German), or holding a digit: a
 *   person, place, product, order number or date, which says nothing about what the message asks;
 * - `word`: a dictionary word of the language ("weather", "joke"), which does say something the corpus does not cover;
 * - `other`: neither, or no dictionary for the language (slang, misspellings, names typed in lower case).
 */
export type TokenClass = 'name' | 'word' | 'other';

/** Tells whether a lower-case token is a word of the language. */
export type DictionaryLookup = (token: string) => boolean;

const HAS_DIGIT = /\p{N}/u;
const STARTS_UPPER = /^\p{Lu}/u;

/** How a language's messages are read: its dictionary, and whether a capital marks a name. */
export interface TokenReading {
  readonly isWord: DictionaryLookup | undefined;
  /** False for languages that capitalise every noun (German), where a capital says nothing about names. */
  readonly capitalsMarkNames: boolean;
}

/** Whether a capital letter after the first word marks a name in a language: not in German, which capitalises every noun. */
export function capitalsMarkNames(language: LanguageCode): boolean {
  return language !== 'de';
}

/** Classifies one token: `cased` as written, `position` among the message's tokens, `lower` as tokenize gives it. */
export function classifyToken(cased: string, position: number, lower: string, { isWord, capitalsMarkNames }: TokenReading): TokenClass {
  if (HAS_DIGIT.test(cased) || (capitalsMarkNames && position > 0 && STARTS_UPPER.test(cased))) return 'name';
  return isWord?.(lower) === true ? 'word' : 'other';
}

/**
 * Classifies the words of a message (as tokenize returns them), on demand: the returned function gives the class of
 * the word at a position, reading the text again only if asked, as most messages have no unknown word to classify.
 * Capitals are read from the text as written; if its tokens do not line up with `words` (a letter whose lower case
 * splits differently), capitals are ignored rather than guessed.
 */
export function classifyTokens(text: string, words: readonly string[], reading: TokenReading): (position: number) => TokenClass {
  let cased: string[] | undefined;
  return (position) => {
    if (cased === undefined) {
      // The same splitting as tokenize, but before lower-casing, so capitals can be seen.
      const split = splitWords(text);
      cased = split.length === words.length && split.every((token, i) => token.toLowerCase() === words[i]) ? split : [...words];
    }
    return classifyToken(cased[position]!, position, words[position]!, reading);
  };
}
