import { type Corpus } from '../corpus/types';
import { type LoadedIndex, type Postings } from '../index/loaded-index';
import { describeIndex } from '../index/meta';
import { type IndexModel } from '../index/model';
import { type IndexOptions } from '../index/options';

/**
 * The index reindex would write for `model`, built in memory instead: lint builds one per fold, and writing and
 * reading SQLite would double the time (CLINC150: model 6 s, +6.6 s to write, +1.5 s to load). Weights are kept as
 * float32, as loadIndex keeps them, so the matcher scores exactly as it would on the file.
 */
export function indexInMemory(corpus: Pick<Corpus, 'entries' | 'outOfScope' | 'replies' | 'hash' | 'files'>, model: IndexModel, options: IndexOptions): LoadedIndex {
  // Two passes, counting then filling, so each term's postings go straight into typed arrays.
  const counts = new Map<string, number>();
  for (const vector of model.vectors) for (const term of vector.weights.keys()) counts.set(term, (counts.get(term) ?? 0) + 1);
  const postings = new Map<string, Postings>();
  for (const [term, stats] of model.terms) {
    const n = counts.get(term) ?? 0;
    postings.set(term, { idf: stats.idf, vectors: new Int32Array(n), weights: new Float32Array(n) });
  }
  const filled = new Map<string, number>();
  model.vectors.forEach((vector, v) => {
    for (const [term, weight] of vector.weights) {
      const list = postings.get(term)!;
      const at = filled.get(term) ?? 0;
      list.vectors[at] = v;
      list.weights[at] = weight;
      filled.set(term, at + 1);
    }
  });
  let postingCount = 0;
  for (const n of counts.values()) postingCount += n;
  return {
    meta: describeIndex(corpus, model, options, { postings: postingCount, buildMs: 0 }),
    answers: corpus.entries.map((entry) => ({ id: entry.id, answer: entry.answer, category: entry.category, questions: entry.questions })),
    vectorAnswer: Int32Array.from(model.vectors, (vector) => vector.answer ?? -1),
    postings,
    replies: corpus.replies,
  };
}
