import { performance } from 'node:perf_hooks';
import { loadCorpus } from '../corpus/load-corpus';
import { type Corpus } from '../corpus/types';
import { type IndexMeta } from './meta';
import { buildModel, type ProgressListener } from './model';
import { resolveIndexOptions, type IndexOptionsInput } from './options';
import { assertReplaceable, writeIndex } from './write-index';

/** Builds an index file from a corpus already in memory: the one build path for reindex and eval. */
export function buildIndexFile(corpus: Corpus, path: string, options: IndexOptionsInput = {}, onProgress?: ProgressListener): IndexMeta {
  // Before the build, which may take minutes on a large corpus, rather than after it.
  assertReplaceable(path);
  const started = performance.now();
  const resolved = resolveIndexOptions(options);
  const model = buildModel(corpus, resolved, onProgress);
  return writeIndex(path, { corpus, model, options: resolved, startedAt: started });
}

/** Reads and validates a corpus folder and builds its index file; a bad corpus throws before any file is touched. */
export function reindex(corpusDir: string, path: string, options: IndexOptionsInput = {}, onProgress?: ProgressListener): IndexMeta {
  return buildIndexFile(loadCorpus(corpusDir), path, options, onProgress);
}
