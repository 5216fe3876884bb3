import Database from 'better-sqlite3';
import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, readlinkSync, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { identifyLogFile, LOG_SCHEMA_VERSION, prepareLogSchema, type LogFileKind } from './log-schema';
import { MessageLogError } from './message-log-error';

/** Owner read and write only: the log holds phone numbers and message texts. */
export const LOG_FILE_MODE = 0o600;

/** How a message log file is opened. */
export interface OpenLogFileOptions {
  /** Create the file (and its folder) when missing; the server does, `faqbot forget` does not. */
  readonly create: boolean;
  /** How long a statement waits for another process's lock before failing with SQLITE_BUSY. */
  readonly busyTimeoutMs: number;
  /** MAX_MESSAGE_CHARS: texts of a faqbot 0.1 log are cut to it when the file is migrated. */
  readonly maxBodyChars: number;
}

/** An open message log and the identity (device and inode) of the file opened, to notice when the path later names another file. */
export interface OpenLogFile {
  readonly db: Database.Database;
  readonly identity: string;
}

/** Device and inode of the file at `path`, or null when there is none: a file deleted, or renamed away and replaced, changes it. */
export function inodeOf(path: string): string | null {
  const stat = statSync(path, { throwIfNoEntry: false, bigint: true });
  return stat === undefined ? null : `${stat.dev}:${stat.ino}`;
}

const SET_MESSAGE_LOG = 'Set MESSAGE_LOG to a file of its own, such as data/messages.sqlite';

/** Refuses paths SQLite would not treat as one plain file, and things at the path that are not files. */
function checkPath(path: string, create: boolean): Stats | undefined {
  if (path.trim() === '' || path === ':memory:' || path.startsWith('file:')) {
    throw new MessageLogError(path, 'is not a file path; the log must outlive the process', SET_MESSAGE_LOG);
  }
  const stat = statSync(path, { throwIfNoEntry: false });
  // A link to nothing: creating the file where it points could put the log anywhere, so say what the link names.
  if (stat === undefined && lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() === true) {
    throw new MessageLogError(path, `is a symbolic link to ${readlinkSync(path)}, which does not exist`, 'Create the file it points to, or set MESSAGE_LOG to the file itself');
  }
  if (stat?.isDirectory() === true) throw new MessageLogError(path, 'is a directory, not a file', SET_MESSAGE_LOG);
  if (stat !== undefined && !stat.isFile()) throw new MessageLogError(path, 'is not a regular file', SET_MESSAGE_LOG);
  if (stat === undefined && !create) throw new MessageLogError(path, 'does not exist', 'Check MESSAGE_LOG (or --log): it must name the file the server writes');
  return stat;
}

/** Creates the file with mode 0600 before SQLite does (SQLite would use 0644), so it is never readable by others, not even briefly. */
function createPrivateFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  try {
    closeSync(openSync(path, 'wx', LOG_FILE_MODE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** Makes the log and its WAL and shared-memory files owner-only; SQLite gives new -wal and -shm files the mode of the database. */
function makePrivate(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    const stat = statSync(file, { throwIfNoEntry: false });
    if (stat === undefined || (stat.mode & 0o777) === LOG_FILE_MODE) continue;
    try {
      chmodSync(file, LOG_FILE_MODE);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new MessageLogError(path, `${file} cannot be made readable by its owner only (${code})`, 'Make the files belong to the user running faqbot');
    }
  }
}

/** Turns what SQLite says while reading the header into what the operator should know and do. */
function explainOpenError(path: string, error: unknown): MessageLogError {
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB') return new MessageLogError(path, 'is not an SQLite database (a text file?); it was not changed', SET_MESSAGE_LOG);
  if (code.startsWith('SQLITE_CORRUPT')) return new MessageLogError(path, 'is damaged', 'Move it away (keep it if you need its records) and start again: a new log is created');
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new MessageLogError(path, 'is locked by another process', 'Wait for it (a backup, an open sqlite3 shell) to finish and try again');
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'EACCES' || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM') {
    return new MessageLogError(path, `cannot be opened for writing (${code})`, 'Check that the folder and the file belong to the user running faqbot');
  }
  return new MessageLogError(path, `cannot be opened (${code === '' ? String(error) : code})`, SET_MESSAGE_LOG);
}

/** A log of an older layout this faqbot rewrites in the current one when it opens it. */
function isMigratable(kind: LogFileKind): boolean {
  return kind.kind === 'legacy' || (kind.kind === 'log' && kind.version === 2);
}

/** What the open file is, or a MessageLogError for anything that is not a message log faqbot may write. */
function checkKind(path: string, kind: LogFileKind): void {
  if (kind.kind === 'faqbot-index') throw new MessageLogError(path, 'is a faqbot index (FAQBOT_DB), not a message log; it was not changed', SET_MESSAGE_LOG);
  if (kind.kind === 'foreign') {
    const tables = kind.tables.length === 0 ? 'no tables' : `tables ${kind.tables.join(', ')}`;
    throw new MessageLogError(path, `is an SQLite database of something else (${tables}); it was not changed`, SET_MESSAGE_LOG);
  }
  if (kind.kind === 'log' && kind.version !== LOG_SCHEMA_VERSION && !isMigratable(kind)) {
    throw new MessageLogError(path, `has layout version ${kind.version}, and this faqbot reads version ${LOG_SCHEMA_VERSION}`, 'Run the faqbot version that wrote it, or move the file away to start a new log');
  }
}

/**
 * Opens the message log at `path`: a file of the user's only (0600), in WAL mode so that reads never wait for a writer.
 * A new or empty file gets the tables; a faqbot 0.1 log is migrated. A directory, a text file, a faqbot index or any
 * other database is refused with a MessageLogError that names the file and what to do, and is left exactly as it was:
 * nothing is written before the file is known to be a message log.
 */
export function openLogFile(path: string, { create, busyTimeoutMs, maxBodyChars }: OpenLogFileOptions): OpenLogFile {
  if (checkPath(path, create) === undefined) createPrivateFile(path);
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true });
  } catch (error) {
    throw explainOpenError(path, error);
  }
  try {
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    let kind: LogFileKind;
    try {
      kind = identifyLogFile(db);
    } catch (error) {
      throw explainOpenError(path, error);
    }
    checkKind(path, kind);
    makePrivate(path);
    try {
      // WAL: a write must not block the reads of a replay check; NORMAL sync is durable across a process crash.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // Erased and pruned texts are overwritten, not left in free pages of the file.
      db.pragma('secure_delete = ON');
      if (kind.kind === 'empty' || isMigratable(kind)) prepareLogSchema(db, maxBodyChars);
    } catch (error) {
      throw explainOpenError(path, error);
    }
    makePrivate(path);
    return { db, identity: inodeOf(path) ?? '' };
  } catch (error) {
    db.close();
    throw error;
  }
}
