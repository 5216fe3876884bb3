import { type Corpus } from '../corpus/types';
import { createFeatureExtractor } from '../text/features';
import { type IndexOptions } from './options';
import { documentFrequencies, inverseDocumentFrequency, weighFeatures, type SparseVector } from './tfidf';
import { trainClassVectors, type Example } from './train';

/** A feature of the vocabulary with its statistics. */
export interface TermStats {
  readonly df: number;
  readonly idf: number;
}

/** A stored vector and the answer it stands for. */
export interface ModelVector {
  /** Position of the answer in the corpus entries, or null for the out-of-scope class. */
  readonly answer: number | null;
  readonly weights: SparseVector;
}

/** What the index stores, computed from the corpus alone: vocabulary and one vector per answer. */
export interface IndexModel {
  readonly terms: ReadonlyMap<string, TermStats>;
  readonly vectors: readonly ModelVector[];
  /** The idf given to features never seen at build time, which still count in a message's length. */
  readonly unknownIdf: number;
}

/** Reports build progress: steps done out of the total. */
export type ProgressListener = (done: number, total: number) => void;

/** Computes the vocabulary and learns one vector per answer from its questions; pure, so it is tested without SQLite. */
export function buildModel(corpus: Pick<Corpus, 'entries' | 'outOfScope'>, options: IndexOptions, onProgress?: ProgressListener): IndexModel {
  const extract = createFeatureExtractor(options.text);
  const outOfScopeClass = corpus.entries.length;
  const texts: { text: string; label: number; weight: number }[] = [];
  corpus.entries.forEach((entry, answer) => {
    for (const question of entry.questions) texts.push({ text: question, label: answer, weight: 1 });
    if (options.answerWeight > 0) texts.push({ text: entry.answer, label: answer, weight: options.answerWeight });
  });
  for (const text of corpus.outOfScope) texts.push({ text, label: outOfScopeClass, weight: 1 });

  const features = texts.map(({ text }) => extract(text));
  const terms = new Map<string, TermStats>();
  for (const [key, df] of documentFrequencies(features)) terms.set(key, { df, idf: inverseDocumentFrequency(df, features.length) });
  const idf = (key: string): number | undefined => terms.get(key)?.idf;
  const examples: Example[] = features.map((counts, i) => ({ vector: weighFeatures(counts, idf, options.weighting), label: texts[i]!.label, weight: texts[i]!.weight }));

  const classCount = corpus.entries.length + (corpus.outOfScope.length > 0 ? 1 : 0);
  const classVectors = trainClassVectors(examples, classCount, options.training, onProgress);
  const vectors = classVectors.map((weights, c): ModelVector => ({ answer: c === outOfScopeClass ? null : c, weights }));
  return { terms, vectors, unknownIdf: inverseDocumentFrequency(0, features.length) };
}
