import { type PoolClient } from 'pg';
import { openLogFile } from '../store/open-log-file';
import { senderHash } from '../store/sender-key';
import { type SharedDatabase } from './shared-database';

/** What `faqbot migrate-log` moved. */
export interface CopyReport {
  /** Messages read from the SQLite log. */
  readonly read: number;
  /** Of those, written to PostgreSQL; the rest were there already (or erased since). */
  readonly written: number;
  readonly erasures: number;
  readonly states: number;
}

interface MessageRow {
  id: number;
  message_sid: string | null;
  received_at: string;
  sender: string;
  body: string | null;
  reply: string;
  answer_id: string | null;
  score: number;
  fallback: string | null;
}

/** Rows per INSERT, and per read from the file. */
const BATCH = 500;

// A message already in PostgreSQL (by MessageSid, or for one without a MessageSid by sender and time) is left as it is,
// so the command can be run again; a sender erased there after the message arrived is not brought back.
const INSERT_MESSAGES = `
INSERT INTO messages (message_sid, received_at, sender, body, reply, answer_id, score, fallback)
SELECT m.sid, m.received_at, m.sender, m.body, m.reply::jsonb, m.answer_id, m.score, m.fallback
FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::text[], $9::text[])
  AS m(sid, received_at, sender, body, reply, answer_id, score, fallback, sender_hash)
WHERE NOT EXISTS (SELECT 1 FROM forgotten f WHERE f.sender_hash = m.sender_hash AND f.forgotten_at >= m.received_at)
  AND (m.sid IS NOT NULL OR NOT EXISTS (SELECT 1 FROM messages x WHERE x.message_sid IS NULL AND x.sender = m.sender AND x.received_at = m.received_at))
ON CONFLICT (message_sid) DO NOTHING`;

async function inTransaction<T>(client: PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Copies a SQLite message log (messages, erasure marks, sender state) into the shared database, in one transaction, so
 * an interrupted copy leaves nothing half done and a second run adds nothing twice. The SQLite file is only read (an
 * older layout is first brought to the current one, as the server would).
 */
export async function copyMessageLog(path: string, db: SharedDatabase, maxBodyChars: number): Promise<CopyReport> {
  const { db: file } = openLogFile(path, { create: false, busyTimeoutMs: 5000, maxBodyChars });
  const client = await db.pool.connect();
  try {
    return await inTransaction(client, async () => {
      // Erasures first: they decide which messages may be copied.
      const erasures = file.prepare('SELECT sender_hash, forgotten_at FROM forgotten').all() as { sender_hash: string; forgotten_at: string }[];
      for (const mark of erasures) {
        await client.query(
          `INSERT INTO forgotten (sender_hash, forgotten_at) VALUES ($1, $2)
           ON CONFLICT (sender_hash) DO UPDATE SET forgotten_at = GREATEST(forgotten.forgotten_at, EXCLUDED.forgotten_at)`,
          [mark.sender_hash, mark.forgotten_at],
        );
      }
      const page = file.prepare<[number, number], MessageRow>('SELECT * FROM messages WHERE id > ? ORDER BY id LIMIT ?');
      let read = 0;
      let written = 0;
      for (let rows = page.all(0, BATCH); rows.length > 0; rows = page.all(rows[rows.length - 1]!.id, BATCH)) {
        read += rows.length;
        const { rowCount } = await client.query(INSERT_MESSAGES, [
          rows.map((r) => r.message_sid),
          rows.map((r) => r.received_at),
          rows.map((r) => r.sender),
          rows.map((r) => r.body),
          rows.map((r) => r.reply),
          rows.map((r) => r.answer_id),
          rows.map((r) => r.score),
          rows.map((r) => r.fallback),
          rows.map((r) => senderHash(r.sender)),
        ]);
        written += rowCount ?? 0;
      }
      const hasState = file.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sender_state'").get() !== undefined;
      const states = hasState ? (file.prepare('SELECT sender, state, expires_at FROM sender_state WHERE expires_at > ?').all(Date.now()) as { sender: string; state: string; expires_at: number }[]) : [];
      for (const row of states) {
        const pauseUntil = (JSON.parse(row.state) as { pause?: { until?: number } }).pause?.until ?? null;
        await client.query('INSERT INTO sender_state (sender, state, pause_until, expires_at) VALUES ($1, $2, $3, $4) ON CONFLICT (sender) DO NOTHING', [
          row.sender,
          row.state,
          pauseUntil,
          row.expires_at,
        ]);
      }
      return { read, written, erasures: erasures.length, states: states.length };
    });
  } finally {
    client.release();
    file.close();
  }
}
