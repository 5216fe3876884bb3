import type Database from 'better-sqlite3';
import { senderHash } from './sender-key';
import { type QueuedMessage, type RecentMessage, type StoredReply } from './types';

/** The statements the server runs on one open message log; prepared once per opened file. */
export interface LogStatements {
  /** The reply recorded for a MessageSid, or null if none is. */
  find(messageSid: string): StoredReply | null;
  /** Writes messages in one transaction; a MessageSid already there and a sender erased after the message arrived are skipped. Returns the rows written. */
  write(batch: readonly QueuedMessage[]): number;
  /** Deletes up to `limit` messages received before `cutoff` (ISO time), and erasure marks older than it; returns the messages deleted. */
  prune(cutoff: string, limit: number): number;
  /** The latest `limit` messages from any of `addresses` (one number's SMS and WhatsApp addresses), newest first. */
  recent(addresses: readonly string[], limit: number): RecentMessage[];
}

interface ReplyRow {
  reply: string;
  answer_id: string | null;
  score: number;
  fallback: string | null;
}

/** Prepares the server's statements on an open message log. */
export function prepareLogStatements(db: Database.Database): LogStatements {
  const select = db.prepare<[string], ReplyRow>('SELECT reply, answer_id, score, fallback FROM messages WHERE message_sid = ?');
  const insertPlain = db.prepare(
    'INSERT INTO messages (message_sid, received_at, sender, body, reply, answer_id, score, fallback) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (message_sid) DO NOTHING',
  );
  // The erasure check sits in the write transaction, so a `faqbot forget` commits either before it (and the row is
  // skipped) or after it (and deletes the row): a queued message never outlives an erasure.
  const insertChecked = db.prepare(
    `INSERT INTO messages (message_sid, received_at, sender, body, reply, answer_id, score, fallback)
     SELECT ?, ?, ?, ?, ?, ?, ?, ?
     WHERE NOT EXISTS (SELECT 1 FROM forgotten WHERE sender_hash = ? AND forgotten_at >= ?)
     ON CONFLICT (message_sid) DO NOTHING`,
  );
  const anyForgotten = db.prepare<[], { found: number }>('SELECT EXISTS (SELECT 1 FROM forgotten) AS found');
  const writeAll = db.transaction((batch: readonly QueuedMessage[]) => {
    // Nearly always nobody was erased: then no hash is needed per row.
    const checked = anyForgotten.get()?.found === 1;
    let written = 0;
    for (const m of batch) {
      const row = [m.messageSid, m.receivedAt, m.sender, m.body, JSON.stringify(m.messages), m.answerId, m.score, m.fallback] as const;
      written += (checked ? insertChecked.run(...row, senderHash(m.sender), m.receivedAt) : insertPlain.run(...row)).changes;
    }
    return written;
  });
  const pruneMessages = db.prepare('DELETE FROM messages WHERE id IN (SELECT id FROM messages WHERE received_at < ? ORDER BY received_at LIMIT ?)');
  const pruneForgotten = db.prepare('DELETE FROM forgotten WHERE forgotten_at < ?');
  const selectRecent = db.prepare<[string, string, number], { received_at: string; body: string | null; reply: string }>(
    'SELECT received_at, body, reply FROM messages WHERE sender IN (?, ?) ORDER BY received_at DESC, id DESC LIMIT ?',
  );
  return {
    find(messageSid) {
      const row = select.get(messageSid);
      return row === undefined ? null : { messages: JSON.parse(row.reply) as string[], answerId: row.answer_id, score: row.score, fallback: row.fallback };
    },
    write: (batch) => writeAll.immediate(batch),
    prune(cutoff, limit) {
      const deleted = pruneMessages.run(cutoff, limit).changes;
      pruneForgotten.run(cutoff);
      return deleted;
    },
    recent(addresses, limit) {
      const [first = '', second = first] = addresses;
      return selectRecent.all(first, second, limit).map((row) => ({ receivedAt: row.received_at, body: row.body, reply: JSON.parse(row.reply) as string[] }));
    },
  };
}
