import { findLemma, readWordNet } from './wordnet';

/** The WordNet senses a word may stand for, as feature-ready keys ("n06626039"); empty for a word WordNet does not know. */
export type SenseLookup = (word: string) => readonly string[];

/**
 * The most frequent noun sense and the most frequent verb sense of an English word (WordNet 3.1), found through the
 * word itself or WordNet's rules of detachment ("movies" -> "movie"): "movie" and "film" share a sense, so a message
 * can match a question written with the other word. Nouns and verbs only: they carry what an FAQ question asks about,
 * and adjectives and adverbs add more noise than synonyms. Callers cache per word (src/text/features.ts does).
 */
export function getSenses(): SenseLookup {
  const { nounSense, verbSense } = readWordNet();
  return (word) =>
    [nounSense, verbSense].flatMap((senses) => {
      const lemma = findLemma(word, (candidate) => senses.has(candidate));
      return lemma === undefined ? [] : [senses.get(lemma)!];
    });
}
