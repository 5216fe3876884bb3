import { type Replies } from '../corpus/replies';
import { type IndexMeta } from './meta';

/** An answer as the matcher and replies see it. */
export interface IndexedAnswer {
  /** The corpus id of the answer. */
  readonly id: string;
  readonly answer: string;
  readonly category: string;
  readonly questions: readonly string[];
  /** Corpus ids of the answers offered as follow-up questions after this one (corpus column `followups`). */
  readonly followups?: readonly string[];
}

/** The vectors that hold one feature: parallel arrays of vector positions and weights. */
export interface Postings {
  readonly idf: number;
  readonly vectors: Int32Array;
  readonly weights: Float32Array;
  /** For a term most vectors hold, the same weights as one row over all vectors (src/index/dense-row.ts). */
  readonly dense?: Float32Array;
}

/** An index in memory, ready to score: nothing here touches SQLite after loading. */
export interface LoadedIndex {
  readonly meta: IndexMeta;
  readonly answers: readonly IndexedAnswer[];
  /** For each vector, the position of its answer in `answers`, or -1 for the out-of-scope class. */
  readonly vectorAnswer: Int32Array;
  /** The inverted index: term to the vectors that hold it. */
  readonly postings: ReadonlyMap<string, Postings>;
  readonly replies: Replies;
}
