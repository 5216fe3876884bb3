import { type UnknownFeatures } from '../index/tfidf';
import { type TracedFeatures } from '../text/features';
import { type TokenClass } from '../text/token-class';

/**
 * How much each unknown feature of a message counts in its length: the weight of the kind of the first unknown
 * word it came from (a pair of a known word and a name counts as the name), or 1 when it came from known words
 * only (a pair the corpus never had, an unseen n-gram of a known word). A word is known when its stem is.
 */
export function unknownFeatureWeights(
  { words, sources }: TracedFeatures,
  classOf: (position: number) => TokenClass,
  isKnown: (key: string) => boolean,
  weights: Readonly<Record<TokenClass, number>>,
  idf: number,
): UnknownFeatures {
  // Words without a stem feature (stop words, when they are removed) are not unknown content.
  const unknownWord = new Array<boolean>(words.length).fill(false);
  for (const [key, positions] of sources) {
    if (key.startsWith('w:') && !isKnown(key)) unknownWord[positions[0]!] = true;
  }
  return {
    idf,
    weight: (key) => {
      const first = sources.get(key)?.find((position) => unknownWord[position]);
      return first === undefined ? 1 : weights[classOf(first)];
    },
  };
}

/**
 * Positions of the words of a message that are names the index has never seen (their stem is unknown and they
 * read as a `name`). With a `name` weight of 0 the matcher leaves them out of the message altogether: not only
 * their unknown features but their known character n-grams too ("Goncalves" shares " go" and "nca" with common
 * words), which would otherwise lengthen the message without matching anything.
 */
export function unknownNames({ sources }: TracedFeatures, classOf: (position: number) => TokenClass, isKnown: (key: string) => boolean): Set<number> {
  const names = new Set<number>();
  for (const [key, positions] of sources) {
    if (key.startsWith('w:') && !isKnown(key) && classOf(positions[0]!) === 'name') names.add(positions[0]!);
  }
  return names;
}
