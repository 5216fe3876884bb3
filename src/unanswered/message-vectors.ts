import { type LoadedIndex } from '../index/loaded-index';
import { documentFrequencies, inverseDocumentFrequency, weighFeatures, type SparseVector } from '../index/tfidf';
import { createFeatureExtractor } from '../text/features';

/**
 * Turns messages into tf-idf vectors over the index's own features (same tokens, stems, pairs and character n-grams as
 * the matcher), with idf counted over the corpus questions and the messages together: what customers' questions share
 * ("do you", "can i") weighs little, even in a handful of messages, and the words of a topic the corpus lacks weigh the most.
 */
export function messageVectorizer(index: Pick<LoadedIndex, 'meta' | 'answers'>, messages: readonly string[]): (text: string) => SparseVector {
  const { options } = index.meta;
  const extract = createFeatureExtractor(options.text);
  const documents = [...index.answers.flatMap((answer) => answer.questions), ...messages];
  const df = documentFrequencies(documents.map(extract));
  const idf = (key: string): number => inverseDocumentFrequency(df.get(key) ?? 0, documents.length);
  return (text) => weighFeatures(extract(text), idf, options.weighting);
}
