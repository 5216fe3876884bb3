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
