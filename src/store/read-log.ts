import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { identifyLogFile, LOG_SCHEMA_VERSION } from './log-schema';
import { MessageLogError } from './message-log-error';

/** How long a reader waits for a lock: a running server holds one only for a few ms, and a reader must never hold it up. */
const READER_BUSY_TIMEOUT_MS = 250;

/** A logged message as a report on what customers asked sees it: the text and what was answered, never the sender. */
export interface LoggedQuestion {
  /** ISO time of arrival. */
  readonly receivedAt: string;
  /** The text as it was matched. */
  readonly body: string;
  readonly answerId: string | null;
  readonly score: number;
  /** The rule that answered, or null for a corpus answer. */
  readonly fallback: string | null;
}

interface Row {
  received_at: string;
  body: string;
  answer_id: string | null;
  score: number;
  fallback: string | null;
}

/**
 * Reads the messages with text received at or after `since` (ISO time) from the message log at `path`, without writing
 * to it: opened read-only with a short busy timeout, so a running server is never blocked (WAL readers do not wait for
 * the writer). The sender column is never read. Throws MessageLogError when the file is missing or not a message log.
 */
export function readLoggedQuestions(path: string, since: string): LoggedQuestion[] {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) throw new MessageLogError(path, 'does not exist', 'Check MESSAGE_LOG (or --log): it must name the file the server writes; the server creates it on start');
  if (!stat.isFile()) throw new MessageLogError(path, 'is not a file', 'Set MESSAGE_LOG (or --log) to the file the server writes');
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new MessageLogError(path, `cannot be opened for reading (${error instanceof Error ? error.message : String(error)})`, 'Check that it belongs to the user running faqbot');
  }
  try {
    db.pragma(`busy_timeout = ${READER_BUSY_TIMEOUT_MS}`);
    const kind = identifyLogFile(db);
    if (kind.kind === 'legacy') throw new MessageLogError(path, 'is a message log of faqbot 0.1', 'Start the server (faqbot serve) once to convert it, then run this again');
    if (kind.kind !== 'log') throw new MessageLogError(path, 'is not a faqbot message log', 'Set MESSAGE_LOG (or --log) to the file the server writes');
    if (kind.version !== LOG_SCHEMA_VERSION) throw new MessageLogError(path, `has layout version ${kind.version}, and this faqbot reads version ${LOG_SCHEMA_VERSION}`, 'Start the server once to convert it');
    const rows = db
      .prepare<[string], Row>('SELECT received_at, body, answer_id, score, fallback FROM messages WHERE received_at >= ? AND body IS NOT NULL ORDER BY received_at')
      .all(since);
    return rows.map((row) => ({ receivedAt: row.received_at, body: row.body, answerId: row.answer_id, score: row.score, fallback: row.fallback }));
  } catch (error) {
    if (error instanceof MessageLogError) throw error;
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY')) throw new MessageLogError(path, 'is locked by another process', 'Try again in a moment');
    throw new MessageLogError(path, `cannot be read (${code === '' ? String(error) : code})`, 'Check that it is the message log the server writes');
  } finally {
    db.close();
  }
}
