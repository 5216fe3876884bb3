import { existsSync, statSync } from 'node:fs';
import { corpusModifiedAt } from '../corpus/load-corpus';
import { CorpusError } from '../corpus/corpus-error';
import { IndexError } from './index-error';
import { loadIndex } from './load-index';
import { type LoadedIndex } from './loaded-index';
import { type IndexMeta } from './meta';
import { type ProgressListener } from './model';
import { resolveIndexOptions, type IndexOptionsInput } from './options';
import { reindex } from './reindex';

/** True when the index file is missing or older than any file of its corpus (its CSV files and replies.json). */
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
  /**
   * When given, a corpus that cannot be read does not stop the caller if a loadable index is on disk: this is told
   * the errors and the last good index is returned. Without it, or with no loadable index, the CorpusError is thrown.
   */
  readonly onCorpusError?: (error: CorpusError, lastGood: IndexMeta) => void;
}

/** The index at `path` if it loads, else null: the last good index to fall back on. */
function loadIfPossible(path: string): LoadedIndex | null {
  if (!existsSync(path)) return null;
  try {
    return loadIndex(path);
  } catch (error) {
    if (error instanceof IndexError) return null;
    throw error;
  }
}

/**
 * Loads the index, first rebuilding it from the corpus when it is stale, damaged, of an older schema, or built with
 * other text options (language, stop words) than asked for, or when it is missing and `createMissing` allows.
 * A file that is not a faqbot index is never replaced (see writeIndex). With `onCorpusError`, a corpus with errors
 * falls back to the index already on disk, so one typo does not stop a restart.
 */
export function ensureIndex(path: string, corpusDir: string, { index: options = {}, createMissing = true, onBuild, onProgress, onCorpusError }: EnsureIndexOptions = {}): LoadedIndex {
  if (!createMissing && !existsSync(path)) {
    throw new IndexError(path, 'the file does not exist, and only serve and reindex create an index', `Run "npx faqbot reindex --db ${path}" to build it, or check the path.`);
  }
  try {
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
  } catch (error) {
    if (!(error instanceof CorpusError) || onCorpusError === undefined) throw error;
    const lastGood = loadIfPossible(path);
    if (lastGood === null) throw error;
    onCorpusError(error, lastGood.meta);
    return lastGood;
  }
}
