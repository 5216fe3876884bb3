import { type LoadedIndex } from '../index/loaded-index';
import { weighFeatures, type SparseVector } from '../index/tfidf';
import { createFeatureExtractor } from '../text/features';

/**
 * Turns messages into the index's own tf-idf vectors (same tokens, stems, pairs and character n-grams as the matcher).
 * A feature the corpus never uses weighs as the rarest known one: the words of a topic the corpus lacks are exactly what
 * tells such messages apart.
 */
export function messageVectorizer(index: Pick<LoadedIndex, 'meta' | 'postings'>): (text: string) => SparseVector {
  const { options, unknownIdf } = index.meta;
  const extract = createFeatureExtractor(options.text);
  const idf = (key: string): number => index.postings.get(key)?.idf ?? unknownIdf;
  return (text) => weighFeatures(extract(text), idf, options.weighting);
}
