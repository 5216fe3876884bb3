import { RegexpTokenizer } from 'natural/lib/natural/tokenizers/regexp_tokenizer';
import { normalize } from './normalize';

// Split on anything that is not a letter or digit in any script, so non-Latin messages still yield tokens.
const tokenizer = new RegexpTokenizer({ pattern: /[^\p{L}\p{N}]+/u });

/** Splits text into normalized word tokens (lower case, accents and apostrophes folded). */
export function tokenize(text: string): string[] {
  return tokenizer.tokenize(normalize(text)).filter((token) => token.length > 0);
}
