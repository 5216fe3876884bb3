import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type LoadedIndex } from '../index/loaded-index';
import { type Logger } from '../log/logger';
import { fileIdentity } from './file-identity';
import { type ServingIndex } from './serving-index';

/** How the served index follows its file. */
export interface HotIndexOptions {
  /** The index file a separate `faqbot reindex` replaces by rename. */
  readonly path: string;
  /** The index served until a new one loads. */
  readonly initial: ServingIndex;
  /** Reads an index file whole (loadIndex); throws if it is damaged or of another schema. */
  readonly load: (path: string) => LoadedIndex;
  /** Builds what is served from a loaded index. */
  readonly build: (index: LoadedIndex) => ServingIndex;
  /** Polling interval in ms, a backstop for file-system events that some systems (network and container mounts) do not deliver. */
  readonly pollMs: number;
  readonly logger: Logger;
}

/** The index being served, swapped for a new one when its file changes. */
export interface HotIndex {
  /** The index to answer this request from. */
  current(): ServingIndex;
  /** Checks the file now and swaps a new index in if there is one; resolves when done (tests and the watcher use it). */
  refresh(): Promise<void>;
  /** How many times a new index was swapped in. */
  readonly reloads: number;
  /** Stops watching, and skips a check already asked for; the current index stays served. */
  stop(): void;
}

/**
 * Serves an index and swaps in the new one when `reindex` renames a new file over it: noticed by fs.watch on the folder or by polling,
 * loaded outside any request, switched by replacing one reference. A file that fails to load is logged and the old index kept.
 */
export function createHotIndex({ path, initial, load, build, pollMs, logger }: HotIndexOptions): HotIndex {
  let serving = initial;
  let reloads = 0;
  // The identity of the file last tried, loaded or not: a broken file is reported once, not on every poll.
  let tried = fileIdentity(path);
  let pending: Promise<void> | null = null;
  let stopped = false;

  const check = (): void => {
    const identity = fileIdentity(path);
    if (identity === null || identity === tried) return;
    tried = identity;
    const started = performance.now();
    try {
      const next = build(load(path));
      serving = next;
      reloads++;
      logger.info({ db: path, answers: next.meta.answers, builtAt: next.meta.builtAt, corpusHash: next.meta.corpusHash, loadMs: Math.round(performance.now() - started) }, 'new index swapped in');
    } catch (error) {
      logger.error({ db: path, err: error }, 'a new index file could not be loaded; still serving the previous index. Run "faqbot reindex" again.');
    }
  };

  // Off the request path: the load runs in its own macrotask, and overlapping triggers share one check.
  const refresh = (): Promise<void> => {
    pending ??= new Promise<void>((resolve) =>
      setImmediate(() => {
        pending = null;
        // A check queued just before stop() would otherwise still swap a new index in after it.
        if (!stopped) check();
        resolve();
      }),
    );
    return pending;
  };

  const name = basename(path);
  let watcher: FSWatcher | null = null;
  try {
    watcher = watch(dirname(path), { persistent: false }, (_event, file) => {
      // Temporary files of a build in progress (.NAME.PID.tmp) are ignored; only the rename onto NAME matters.
      if (file === null || file === name) void refresh();
    });
    watcher.on('error', (error) => logger.warn({ err: error, db: path }, 'watching the index folder failed; relying on polling'));
  } catch (error) {
    logger.warn({ err: error, db: path }, 'cannot watch the index folder; relying on polling');
  }
  const timer = setInterval(() => void refresh(), pollMs);
  timer.unref();

  return {
    current: () => serving,
    refresh,
    get reloads() {
      return reloads;
    },
    stop() {
      stopped = true;
      clearInterval(timer);
      watcher?.close();
    },
  };
}
