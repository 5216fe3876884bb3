import { type Corpus } from '../corpus/types';
import { createFeatureExtractor, featureKindIndex } from '../text/features';
import { type IndexOptions } from './options';
import { inverseDocumentFrequency, weighFeatureIds, type SparseVector } from './tfidf';
import { ExamplePacker, trainPackedExamples } from './train';

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

  // Feature counts kept as ids into one vocabulary rather than a Map per text: a corpus of 100,000 questions
  // would otherwise hold millions of Map entries twice (counts, then weights).
  const vocabulary = new Map<string, number>();
  const keys: string[] = [];
  const counted = texts.map(({ text }) => {
    const counts = extract(text);
    const ids = new Int32Array(counts.size);
    const tf = new Float64Array(counts.size);
    let i = 0;
    for (const [key, count] of counts) {
      let id = vocabulary.get(key);
      if (id === undefined) {
        id = keys.length;
        vocabulary.set(key, id);
        keys.push(key);
      }
      ids[i] = id;
      tf[i++] = count;
    }
    return { ids, tf };
  });
  const df = new Int32Array(keys.length);
  for (const { ids } of counted) for (const id of ids) df[id]!++;
  const idfOf = Float64Array.from(df, (n) => inverseDocumentFrequency(n, texts.length));
  const kindOf = Uint8Array.from(keys, featureKindIndex);
  const terms = new Map<string, TermStats>();
  keys.forEach((key, id) => terms.set(key, { df: df[id]!, idf: idfOf[id]! }));

  const packer = new ExamplePacker();
  const longest = counted.reduce((most, { ids }) => Math.max(most, ids.length), 0);
  const weighedIds = new Int32Array(longest);
  const weights = new Float64Array(longest);
  counted.forEach(({ ids, tf }, i) => {
    const n = weighFeatureIds(ids, tf, idfOf, kindOf, options.weighting, weighedIds, weights);
    packer.addIds(weighedIds, weights, n, keys, texts[i]!.label, texts[i]!.weight);
  });
  counted.length = 0;

  const classCount = corpus.entries.length + (corpus.outOfScope.length > 0 ? 1 : 0);
  const classVectors = trainPackedExamples(packer.finish(), classCount, options.training, onProgress);
  const vectors = classVectors.map((weights, c): ModelVector => ({ answer: c === outOfScopeClass ? null : c, weights }));
  return { terms, vectors, unknownIdf: inverseDocumentFrequency(0, texts.length) };
}
