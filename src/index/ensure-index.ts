import { existsSync, statSync } from 'node:fs';
import { corpusModifiedAt } from '../corpus/load-corpus';
import { IndexError } from './index-error';
import { loadIndex } from './load-index';
import { type LoadedIndex } from './loaded-index';
import { type IndexMeta } from './meta';
import { type ProgressListener } from './model';
import { resolveIndexOptions, type IndexOptionsInput } from './options';
import { reindex } from './reindex';

/** True when the index file is missing or older than any file of its corpus. */
export function isIndexStale(path: string, corpusDir: string): boolean {
  if (!existsSync(path)) return true;
  return statSync(path).mtimeMs < corpusModifiedAt(corpusDir).getTime();
}

/**
 * Loads the index, first rebuilding it from the corpus when it is missing, stale, of an older schema, or built
 * with other text options (language, stop words) than asked for.
 */
export function ensureIndex(
  path: string,
  corpusDir: string,
  options: IndexOptionsInput = {},
  onBuild?: (meta: IndexMeta) => void,
  onProgress?: ProgressListener,
): LoadedIndex {
  if (!isIndexStale(path, corpusDir)) {
    try {
      const index = loadIndex(path);
      if (JSON.stringify(index.meta.options.text) === JSON.stringify(resolveIndexOptions(options).text)) return index;
    } catch (error) {
      if (!(error instanceof IndexError)) throw error;
    }
  }
  const meta = reindex(corpusDir, path, options, onProgress);
  onBuild?.(meta);
  return loadIndex(path);
}
