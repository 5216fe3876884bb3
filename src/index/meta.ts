import { type Corpus } from '../corpus/types';
import { type IndexModel } from './model';
import { type IndexOptions } from './options';
import { SCHEMA_VERSION } from './schema';

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

/** What an index of `corpus`, built as `model` with `options`, records about itself; `builtAt` is now. */
export function describeIndex(
  corpus: Pick<Corpus, 'entries' | 'outOfScope' | 'hash' | 'files'>,
  model: IndexModel,
  options: IndexOptions,
  counts: { readonly postings: number; readonly buildMs: number },
): IndexMeta {
  return {
    schemaVersion: SCHEMA_VERSION,
    builtAt: new Date().toISOString(),
    corpusHash: corpus.hash,
    corpusFiles: corpus.files,
    answers: corpus.entries.length,
    questions: corpus.entries.reduce((n, entry) => n + entry.questions.length, 0),
    outOfScope: corpus.outOfScope.length,
    terms: model.terms.size,
    postings: counts.postings,
    buildMs: counts.buildMs,
    unknownIdf: model.unknownIdf,
    options,
  };
}
