import type Database from 'better-sqlite3';
import { renameSync, rmSync, statSync } from 'node:fs';
import { type Logger } from '../log/logger';
import { prepareLogStatements, type LogStatements } from './log-statements';
import { inodeOf, openLogFile, type OpenLogFile } from './open-log-file';

/** How the server's message log file is opened. */
export interface FollowOptions {
  readonly busyTimeoutMs: number;
  readonly maxBodyChars: number;
  readonly logger: Logger;
  readonly now: () => number;
}

/** The message log file at a path, followed as operators delete, rotate or replace it. */
export interface FollowedLogFile {
  /** Statements on the file now at the path: reopened (with a log line) if it was deleted, renamed away or replaced; throws if none can be opened. */
  current(): LogStatements;
  /** Statements on the file open now, without looking at the path (a stat per request is not worth it); opens one if none is. */
  open(): LogStatements;
  /** The connection to the file open now, as `open()` gives its statements: for other tables kept in the same file. */
  database(): Database.Database;
  /** Closes the file; a later call opens it again. */
  close(): void;
}

/**
 * Lets go of a file that is no longer at `path`. Its WAL is checkpointed into it first, through the open handle, so into
 * the file wherever it now is: a rotated file keeps what was written to it, and nothing of it leaks into a new file.
 */
function retire(path: string, old: OpenLogFile, replaced: boolean, { logger, now }: FollowOptions): void {
  try {
    old.db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // A damaged or unreachable old file: nothing more can be saved into it.
  }
  old.db.close();
  // SQLite leaves the -wal and -shm of a moved or replaced file at the old name, where the file now at the path looks for
  // its own. A leftover WAL that still holds frames (a reader kept it from being emptied) would be replayed into that file,
  // whichever it is, so it is set aside, not deleted. With no file there the rest belongs to nothing.
  const wal = `${path}-wal`;
  if ((statSync(wal, { throwIfNoEntry: false })?.size ?? 0) > 0) {
    const kept = `${wal}.orphaned-${now()}`;
    renameSync(wal, kept);
    logger.error({ messageLog: path, kept }, 'the write-ahead log of the old message log could not be emptied into it; it was set aside');
  }
  if (!replaced) {
    rmSync(wal, { force: true });
    rmSync(`${path}-shm`, { force: true });
  }
  logger.warn(
    { messageLog: path, file: replaced ? 'replaced' : 'moved' },
    replaced
      ? `the message log file at ${path} was replaced by another file while serving; messages from now on go to that file`
      : `the message log file is no longer at ${path} (deleted or renamed away); messages from now on go to a new file there`,
  );
}

/** Opens the message log at `path` (a MessageLogError if it is not one) and follows the path from then on. */
export function followLogFile(path: string, options: FollowOptions): FollowedLogFile {
  const openAtPath = (): { file: OpenLogFile; statements: LogStatements } => {
    const file = openLogFile(path, { create: true, busyTimeoutMs: options.busyTimeoutMs, maxBodyChars: options.maxBodyChars });
    return { file, statements: prepareLogStatements(file.db) };
  };
  let opened: { file: OpenLogFile; statements: LogStatements } | null = openAtPath();
  const followed: FollowedLogFile = {
    database() {
      // As `open()`: no stat per call; the writes and the log's timer notice a moved file within a second.
      followed.open();
      return opened!.file.db;
    },
    current() {
      const identity = inodeOf(path);
      if (opened !== null && identity === opened.file.identity) return opened.statements;
      if (opened !== null) {
        retire(path, opened.file, identity !== null, options);
        opened = null;
      }
      opened = openAtPath();
      return opened.statements;
    },
    open() {
      opened ??= openAtPath();
      return opened.statements;
    },
    close() {
      opened?.file.db.close();
      opened = null;
    },
  };
  return followed;
}
