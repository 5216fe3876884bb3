import { type LanguageCode } from '../text/language';
import { tokenize } from '../text/tokenize';
import { vocabularyFor } from './vocabulary/vocabularies';
import { PHRASE_LISTS, type PhraseKind, type Vocabulary } from './vocabulary/vocabulary';

/** A vocabulary made ready for lookups: phrases in the normalized form messages are read in. */
export interface Lexicon {
  /** Each phrase, its words joined by one space, to the list it comes from. */
  readonly phrases: ReadonlyMap<string, PhraseKind>;
  /** Words in the longest phrase, which bounds every lookup. */
  readonly longest: number;
  /** Every word of every phrase, so a stretched word ("hiii") can be brought back to one the rules know. */
  readonly words: ReadonlySet<string>;
  /** Normalized shorthand token to the normalized words it stands for. */
  readonly shorthand: ReadonlyMap<string, readonly string[]>;
}

/** A vocabulary whose phrases contradict each other; names the phrase and both lists. */
export class VocabularyError extends Error {
  constructor(
    readonly phrase: string,
    readonly lists: readonly [PhraseKind, PhraseKind],
  ) {
    super(`faqbot: the rule vocabulary lists "${phrase}" both as ${lists[0]} and as ${lists[1]}; keep it in one list`);
    this.name = 'VocabularyError';
  }
}

/** Normalizes a vocabulary as messages are normalized; throws VocabularyError if a phrase sits in two lists. */
export function compileLexicon(vocabulary: Vocabulary): Lexicon {
  const shorthand = new Map<string, readonly string[]>();
  for (const [short, long] of Object.entries(vocabulary.shorthand)) {
    for (const token of tokenize(short)) shorthand.set(token, tokenize(long));
  }
  const phrases = new Map<string, PhraseKind>();
  const words = new Set<string>();
  let longest = 0;
  for (const kind of PHRASE_LISTS) {
    for (const phrase of vocabulary[kind]) {
      const tokens = expand(tokenize(phrase), shorthand);
      if (tokens.length === 0) continue;
      const key = tokens.join(' ');
      const earlier = phrases.get(key);
      if (earlier !== undefined && earlier !== kind) throw new VocabularyError(key, [earlier, kind]);
      phrases.set(key, kind);
      for (const token of tokens) words.add(token);
      longest = Math.max(longest, tokens.length);
    }
  }
  return { phrases, longest, words, shorthand };
}

const lexicons = new Map<LanguageCode, Lexicon>();

/** The compiled vocabulary of a corpus language, compiled once per process. */
export function lexiconFor(language: LanguageCode): Lexicon {
  let lexicon = lexicons.get(language);
  if (lexicon === undefined) {
    lexicon = compileLexicon(vocabularyFor(language));
    lexicons.set(language, lexicon);
  }
  return lexicon;
}

/** Replaces shorthand tokens by the words they stand for; null when the text holds none, so callers can skip it. */
export function expandShorthand(text: string, lexicon: Lexicon): string | null {
  const tokens = tokenize(text);
  if (!tokens.some((token) => lexicon.shorthand.has(token))) return null;
  return expand(tokens, lexicon.shorthand).join(' ');
}

/** The words of a message as the rules read them: normalized, shorthand expanded, stretched words ("okkk") undone. */
export function readWords(text: string, lexicon: Lexicon): string[] {
  return expand(tokenize(text), lexicon.shorthand).map((word) => unstretch(word, lexicon.words));
}

/** A run of words that is one phrase of the vocabulary (kind set), or one word it does not know (kind null). */
export interface Segment {
  readonly kind: PhraseKind | null;
  readonly words: readonly string[];
}

/** Cuts words into vocabulary phrases, taking the longest phrase at each position, left to right. */
export function segmentWords(words: readonly string[], lexicon: Lexicon): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  while (at < words.length) {
    let found: Segment | undefined;
    for (let length = Math.min(lexicon.longest, words.length - at); length > 0 && found === undefined; length--) {
      const phrase = words.slice(at, at + length);
      const kind = lexicon.phrases.get(phrase.join(' '));
      if (kind !== undefined) found = { kind, words: phrase };
    }
    found ??= { kind: null, words: [words[at]!] };
    segments.push(found);
    at += found.words.length;
  }
  return segments;
}

function expand(tokens: readonly string[], shorthand: ReadonlyMap<string, readonly string[]>): string[] {
  return tokens.flatMap((token) => shorthand.get(token) ?? [token]);
}

// People stretch words for tone ("hiii", "thanksss", "cooool"); try the run cut to two letters, then to one.
function unstretch(word: string, known: ReadonlySet<string>): string {
  if (known.has(word) || !/(.)\1\1/u.test(word)) return word;
  for (const form of [word.replace(/(.)\1{2,}/gu, '$1$1'), word.replace(/(.)\1{2,}/gu, '$1')]) {
    if (known.has(form)) return form;
  }
  return word;
}
