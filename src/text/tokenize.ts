import { RegexpTokenizer } from 'natural/lib/natural/tokenizers/regexp_tokenizer';
import { foldAccents, normalize } from './normalize';

// Split on anything that is not a letter or digit in any script, so non-Latin messages still yield tokens.
const tokenizer = new RegexpTokenizer({ pattern: /[^\p{L}\p{N}]+/u });

// Scripts written without spaces between words: without a word breaker a whole clause ("你们几点开门") would be one
// token that no other phrasing shares.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
// Runs of text that may hold words, split before folding: Thai vowels and kana voicing marks are combining marks the
// word breaker needs to see, and an apostrophe stays inside its word ("don't") for folding to drop.
const WORD_RUNS = /[^\p{L}\p{N}\p{M}'’‘`]+/u;
// ICU's dictionary word breaker, which Node carries (full ICU): it knows Chinese, Japanese, Thai, Lao, Khmer and
// Burmese words whatever the locale asked for.
const segmenter = new Intl.Segmenter('und', { granularity: 'word' });

/** How text is split into words. */
export interface TokenizeOptions {
  /**
   * Cut runs of scripts written without spaces (Chinese, Japanese, Thai, ...) into words. Default `true`; false splits
   * as indexes built before word breaking did, so their features are read as they were built.
   */
  readonly segmentWords?: boolean;
}

/**
 * Splits text into words as tokenize does, but keeping their case, so capitals can be read (src/text/token-class.ts):
 * on anything not a letter or digit and, in scripts written without spaces, between the words ICU's dictionary finds.
 * Those words keep their marks (a Thai vowel, a kana's voicing), which are letters of the word rather than accents, and
 * only take their standard form (NFKC: half-width kana as full). Text with none of those scripts is folded whole and
 * split, as it always was.
 */
export function splitWords(text: string, { segmentWords = true }: TokenizeOptions = {}): string[] {
  return split(text, segmentWords, false);
}

/** Splits text into normalized word tokens (lower case, accents and apostrophes folded), as splitWords does. */
export function tokenize(text: string, { segmentWords = true }: TokenizeOptions = {}): string[] {
  return split(text, segmentWords, true);
}

// Flags, not an options object: tokenize runs several times per message, and building an object for each call cost as
// much again as the splitting.
function split(text: string, segmentWords: boolean, lowerCase: boolean): string[] {
  const fold = lowerCase ? normalize : foldAccents;
  if (!segmentWords || !UNSPACED.test(text)) return splitFolded(fold(text));
  const standard = (word: string): string => (lowerCase ? word.normalize('NFKC').toLowerCase() : word.normalize('NFKC'));
  return text
    .split(WORD_RUNS)
    .flatMap((run) => (UNSPACED.test(run) ? segmentsOf(run) : [run]))
    .flatMap((word) => (UNSPACED.test(word) ? [standard(word)] : splitFolded(fold(word))));
}

// natural's tokenizer already drops the empty strings a split leaves at the ends.
function splitFolded(folded: string): string[] {
  return tokenizer.tokenize(folded);
}

function segmentsOf(run: string): string[] {
  const words: string[] = [];
  for (const { segment } of segmenter.segment(run)) words.push(segment);
  return words;
}
