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

/** How ensureIndex loads or builds an index. */
export interface EnsureIndexOptions {
  /** Options the index must have been built with. Default: the defaults. */
  readonly index?: IndexOptionsInput;
  /** Build the index when no file exists at the path; when false, a missing file is an IndexError and nothing is created. Default true. */
  readonly createMissing?: boolean;
  /** Told when a build happened. */
  readonly onBuild?: (meta: IndexMeta) => void;
  readonly onProgress?: ProgressListener;
}

/**
 * Loads the index, first rebuilding it from the corpus when it is stale, damaged, of an older schema, or built with
 * other text options (language, stop words) than asked for, or when it is missing and `createMissing` allows.
 * A file that is not a faqbot index is never replaced (see writeIndex).
 */
export function ensureIndex(path: string, corpusDir: string, { index: options = {}, createMissing = true, onBuild, onProgress }: EnsureIndexOptions = {}): LoadedIndex {
  if (!createMissing && !existsSync(path)) {
    throw new IndexError(path, 'the file does not exist, and only serve and reindex create an index', `Run "npx faqbot reindex --db ${path}" to build it, or check the path.`);
  }
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
