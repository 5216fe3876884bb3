import { type FaqEntry } from '../corpus/types';
import { createAnalyzer } from '../text/analyze';
import { type IndexOptions } from './options';
import { countTerms, documentFrequencies, inverseDocumentFrequency, normalizeVector, weighTerms, type SparseVector } from './tfidf';

/** A term of the vocabulary with its statistics. */
export interface TermStats {
  readonly df: number;
  readonly idf: number;
}

/** A stored unit vector and the answer it stands for. */
export interface ModelVector {
  /** Position of the answer in the entries the model was built from. */
  readonly answer: number;
  /** Position of the question among all questions, or null for a vector of the whole answer. */
  readonly question: number | null;
  /** Length before normalization, kept for inspection. */
  readonly norm: number;
  readonly weights: SparseVector;
}

/** What the index stores, computed from the corpus alone: vocabulary and vectors. */
export interface IndexModel {
  readonly terms: ReadonlyMap<string, TermStats>;
  readonly vectors: readonly ModelVector[];
  readonly questionCount: number;
}

/** Reports build progress: questions done out of the total. */
export type ProgressListener = (done: number, total: number) => void;

/** Computes the TF-IDF vocabulary and one unit vector per question; pure, so it is tested without SQLite. */
export function buildModel(entries: readonly FaqEntry[], options: IndexOptions, onProgress?: ProgressListener): IndexModel {
  const analyze = createAnalyzer(options.text);
  const questions = entries.flatMap((entry, answer) => entry.questions.map((text) => ({ answer, terms: analyze(text) })));

  const df = documentFrequencies(questions.map((q) => q.terms));
  const terms = new Map<string, TermStats>();
  for (const [term, count] of df) terms.set(term, { df: count, idf: inverseDocumentFrequency(count, questions.length) });
  const idf = (term: string): number | undefined => terms.get(term)?.idf;

  const vectors: ModelVector[] = [];
  const step = Math.max(1, Math.floor(questions.length / 100));
  questions.forEach((question, index) => {
    const raw = weighTerms(countTerms(question.terms), idf, options.sublinearTf);
    const weights = normalizeVector(raw);
    let length = 0;
    for (const w of raw.values()) length += w * w;
    vectors.push({ answer: question.answer, question: index, norm: Math.sqrt(length), weights });
    if (onProgress && (index % step === 0 || index === questions.length - 1)) onProgress(index + 1, questions.length);
  });
  return { terms, vectors, questionCount: questions.length };
}
