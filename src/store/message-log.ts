import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** One received message and what was answered. */
export interface LoggedMessage {
  /** Twilio's MessageSid; null when the request carried none (then it cannot be deduplicated). */
  readonly messageSid: string | null;
  /** The sender address in full (`whatsapp:+...`): the log is data kept for the business, unlike the masked process logs. */
  readonly sender: string;
  /** The text as received, before any cut. */
  readonly body: string;
  /** The texts sent back, one per <Message>. */
  readonly messages: readonly string[];
  readonly answerId: string | null;
  readonly score: number;
  readonly fallback: string | null;
}

/** What the log returns for a MessageSid seen before. */
export interface StoredReply {
  readonly messages: readonly string[];
  readonly answerId: string | null;
  readonly score: number;
  readonly fallback: string | null;
}

/** The message log: every message once, keyed by MessageSid, so a redelivered message gets the same reply. */
export interface MessageLog {
  /** The reply recorded for a MessageSid, or null if it was never seen. */
  find(messageSid: string): StoredReply | null;
  /** Records a message unless its MessageSid is already there; returns the reply that stands for that MessageSid (the earlier one on a duplicate). */
  record(message: LoggedMessage): StoredReply;
  /** Checkpoints and closes the file; later calls throw. */
  close(): void;
}

const SCHEMA = `
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

interface ReplyRow {
  reply: string;
  answer_id: string | null;
  score: number;
  fallback: string | null;
}

function toStoredReply(row: ReplyRow): StoredReply {
  return { messages: JSON.parse(row.reply) as string[], answerId: row.answer_id, score: row.score, fallback: row.fallback };
}

/** Opens (creating if needed) the message log at `path`; a separate file from the index, which reindex replaces by rename. */
export function openMessageLog(path: string): MessageLog {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // WAL: a write per message must not block the reads of a replay check, and NORMAL sync is durable across a process crash.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 2000');
  db.exec(SCHEMA);
  const select = db.prepare<[string], ReplyRow>('SELECT reply, answer_id, score, fallback FROM messages WHERE message_sid = ?');
  const insert = db.prepare(
    'INSERT INTO messages (message_sid, received_at, sender, body, reply, answer_id, score, fallback) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (message_sid) DO NOTHING',
  );
  return {
    find(messageSid) {
      const row = select.get(messageSid);
      return row === undefined ? null : toStoredReply(row);
    },
    record(message) {
      const { changes } = insert.run(
        message.messageSid,
        new Date().toISOString(),
        message.sender,
        message.body,
        JSON.stringify(message.messages),
        message.answerId,
        message.score,
        message.fallback,
      );
      const reply: StoredReply = { messages: message.messages, answerId: message.answerId, score: message.score, fallback: message.fallback };
      if (changes === 1 || message.messageSid === null) return reply;
      return this.find(message.messageSid) ?? reply;
    },
    close() {
      if (db.open) db.close();
    },
  };
}
