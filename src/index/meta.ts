import { type IndexOptions } from './options';

/** What an index records about its own build. */
export interface IndexMeta {
  readonly schemaVersion: number;
  /** ISO time the build finished. */
  readonly builtAt: string;
  /** Hash of the corpus files the index was built from. */
  readonly corpusHash: string;
  readonly corpusFiles: readonly string[];
  readonly answers: number;
  readonly questions: number;
  /** Out-of-scope examples learned from. */
  readonly outOfScope: number;
  readonly terms: number;
  readonly postings: number;
  readonly buildMs: number;
  /** idf of features unseen at build time; they count in a message's length. */
  readonly unknownIdf: number;
  readonly options: IndexOptions;
}
