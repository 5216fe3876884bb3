import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';

/** Runs one read query on a message log file from outside, as an operator's sqlite3 shell would, and closes it again. */
export function queryLog<Row>(path: string, sql: string, ...params: unknown[]): Row[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as Row[];
  } finally {
    db.close();
  }
}

/** The rows of the `messages` table for these MessageSids, in the columns a test usually checks. */
export function logRowsFor(path: string, ...messageSids: string[]): { message_sid: string; sender: string; body: string | null; fallback: string | null }[] {
  return queryLog(path, `SELECT message_sid, sender, body, fallback FROM messages WHERE message_sid IN (${messageSids.map(() => '?').join(', ')}) ORDER BY id`, ...messageSids);
}

/** Permission bits of a file, e.g. 0o600. */
export function fileMode(path: string): number {
  return statSync(path).mode & 0o777;
}

/** SHA-256 of a file's bytes (and of its -wal and -shm, when there), to show a file was left exactly as it was. */
export function fileFingerprint(path: string): string {
  const hash = createHash('sha256');
  for (const file of [path, `${path}-wal`, `${path}-shm`]) hash.update(existsSync(file) ? readFileSync(file) : `no ${file}`);
  return hash.digest('hex');
}

/** The one table of a faqbot 0.1 message log, exactly as it created it (no application id, whole bodies). */
export const LEGACY_LOG_SQL = `
CREATE TABLE IF NOT EXISTS messages (
  id INTEGER PRIMARY KEY,
  message_sid TEXT UNIQUE,
  received_at TEXT NOT NULL,
  sender TEXT NOT NULL,
  body TEXT NOT NULL,
  reply TEXT NOT NULL,
  answer_id TEXT,
  score REAL NOT NULL,
  fallback TEXT
);`;

/** A row to put in a message log file by hand. */
export interface RawLogRow {
  readonly sid: string;
  readonly receivedAt: string;
  readonly sender: string;
  readonly body: string;
  readonly fallback?: string | null;
}

/** Inserts rows into an existing log file of either layout, with plain SQL, as another program would. */
export function insertLogRows(path: string, rows: readonly RawLogRow[]): void {
  const db = new Database(path);
  try {
    const insert = db.prepare("INSERT INTO messages (message_sid, received_at, sender, body, reply, answer_id, score, fallback) VALUES (?, ?, ?, ?, '[\"hi\"]', NULL, 0, ?)");
    for (const row of rows) insert.run(row.sid, row.receivedAt, row.sender, row.body, row.fallback ?? null);
  } finally {
    db.close();
  }
}

/** Writes a faqbot 0.1 message log holding `rows`, in rollback-journal mode as a file copied from elsewhere might be. */
export function writeLegacyLog(path: string, rows: readonly RawLogRow[]): void {
  const db = new Database(path);
  db.exec(LEGACY_LOG_SQL);
  db.close();
  insertLogRows(path, rows);
}

/** An ISO time `days` days ago. */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString();
}

/** The files this process holds open whose path starts with `path` (the log, its -wal and -shm), read from /proc/self/fd (Linux). */
export function openHandlesOn(path: string): string[] {
  return readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return ''; // The descriptor readdir itself used, closed by now.
      }
    })
    .filter((target) => target.startsWith(path));
}
