import { normalize } from './normalize';

// Split on anything that is not a letter or digit in any script, so non-Latin messages still yield tokens.
const SEPARATORS = /[^\p{L}\p{N}]+/u;

/** Splits text into normalized word tokens (lower case, accents and apostrophes folded). */
export function tokenize(text: string): string[] {
  // What natural's RegexpTokenizer did with this pattern (split, drop empty tokens), without its underscore calls.
  return normalize(text).split(SEPARATORS).filter((token) => token.length > 0);
}
