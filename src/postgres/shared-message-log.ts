import { type Logger } from '../log/logger';
import { type ReplyLog } from '../store/reply-log';
import { senderAddresses, senderHash, senderNumber } from '../store/sender-key';
import { type QueuedMessage, type RecentMessage, type StoredReply } from '../store/types';
import { createWriteQueue, type QueueEntry } from '../store/write-queue';
import { isOutage, type SharedDatabase } from './shared-database';

/** How the shared message log behaves; the defaults suit Twilio's 15 s webhook timeout. */
export interface SharedMessageLogOptions {
  readonly logger: Logger;
  /** MESSAGE_LOG_DAYS: messages older than this are deleted. */
  readonly retentionDays: number;
  /** MESSAGE_LOG_QUEUE_MAX: messages held in memory while the database is unreachable; past it the oldest are dropped and counted. */
  readonly maxQueued: number;
  /** How long a message waits so that a busy moment's messages go in one statement. Default 5 ms. */
  readonly flushDelayMs?: number;
  /** How long a delivery waits for the replica that claimed its MessageSid before answering it itself. Default 5000 ms. */
  readonly claimWaitMs?: number;
  /** How often messages past retention are deleted. Default one hour. */
  readonly pruneEveryMs?: number;
}

/** The message log in PostgreSQL: the replies of every replica, and the claims that let one replica answer a MessageSid. */
export interface SharedMessageLog extends ReplyLog {
  flush(): Promise<number>;
  /** A sender's last `limit` answered messages with the replies, oldest first (empty while the database is unreachable). */
  recentMessages(sender: string, limit: number): Promise<readonly RecentMessage[]>;
}

/** Messages per INSERT statement. */
const MAX_BATCH = 200;
/** How often a waiting delivery looks for the claiming replica's reply. */
const CLAIM_POLL_MS = 20;
const RETRY_MS = 1000;
const DAY_MS = 86_400_000;

interface ReplyRow {
  reply: string[] | null;
  answer_id: string | null;
  score: number | null;
  fallback: string | null;
}

const toStored = (row: ReplyRow & { reply: string[] }): StoredReply => ({ messages: row.reply, answerId: row.answer_id, score: row.score ?? 0, fallback: row.fallback });

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// One statement for a claim row (reply NULL) that this or another replica made, and for a message never claimed (the
// database was down when it came): the first reply recorded for a MessageSid stands. The erasure check is in the same
// statement, so a message of a sender `faqbot forget` erased after it arrived is not written back.
const UPSERT = `
INSERT INTO messages (message_sid, received_at, sender, body, reply, answer_id, score, fallback, claimed_by)
SELECT m.sid, m.received_at, m.sender, m.body, m.reply::jsonb, m.answer_id, m.score, m.fallback, $10
FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::text[], $9::text[])
  AS m(sid, received_at, sender, body, reply, answer_id, score, fallback, sender_hash)
WHERE NOT EXISTS (SELECT 1 FROM forgotten f WHERE f.sender_hash = m.sender_hash AND f.forgotten_at >= m.received_at)
ON CONFLICT (message_sid) DO UPDATE SET
  received_at = EXCLUDED.received_at, sender = EXCLUDED.sender, body = EXCLUDED.body, reply = EXCLUDED.reply,
  answer_id = EXCLUDED.answer_id, score = EXCLUDED.score, fallback = EXCLUDED.fallback, claimed_by = EXCLUDED.claimed_by
WHERE messages.reply IS NULL`;

/**
 * Opens the message log on the shared database. `find` claims a MessageSid with INSERT ... ON CONFLICT DO NOTHING: the
 * replica whose row went in answers, a replica whose row did not waits (polling) for that reply and sends it too. Records
 * are queued in memory (bounded) and written in batches; while the database is unreachable they wait, and de-duplication
 * falls back to this replica's own queue.
 */
export function openSharedMessageLog(db: SharedDatabase, options: SharedMessageLogOptions): SharedMessageLog {
  const { logger, retentionDays, maxQueued, flushDelayMs = 5, claimWaitMs = 5000, pruneEveryMs = 3_600_000 } = options;
  const queue = createWriteQueue(maxQueued);
  let dropped = 0;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> | null = null;

  const queuedReply = (messageSid: string): StoredReply | null => {
    const queued = queue.get(messageSid);
    return queued === undefined ? null : { messages: queued.messages, answerId: queued.answerId, score: queued.score, fallback: queued.fallback };
  };

  async function claimOrWait(messageSid: string): Promise<StoredReply | null> {
    const deadline = Date.now() + claimWaitMs;
    for (;;) {
      const claim = await db.run('claiming a MessageSid', (pool) =>
        pool.query('INSERT INTO messages (message_sid, received_at, claimed_by) VALUES ($1, now(), $2) ON CONFLICT (message_sid) DO NOTHING', [messageSid, db.processName]),
      );
      if (claim.rowCount === 1) return null;
      for (;;) {
        const { rows } = await db.run('reading a recorded reply', (pool) =>
          pool.query<ReplyRow>('SELECT reply, answer_id, score, fallback FROM messages WHERE message_sid = $1', [messageSid]),
        );
        const row = rows[0];
        // Released by a replica whose request failed: claim it again.
        if (row === undefined) break;
        if (row.reply !== null) return toStored({ ...row, reply: row.reply });
        // The claiming replica died or is stuck: answer here; whichever reply is recorded first stands.
        if (Date.now() >= deadline) return null;
        await sleep(CLAIM_POLL_MS);
      }
    }
  }

  async function writeBatch(batch: readonly QueueEntry[]): Promise<void> {
    const messages: QueuedMessage[] = batch.map((entry) => entry.message);
    await db.run('writing the message log', (pool) =>
      pool.query(UPSERT, [
        messages.map((m) => m.messageSid),
        messages.map((m) => m.receivedAt),
        messages.map((m) => m.sender),
        messages.map((m) => m.body),
        messages.map((m) => JSON.stringify(m.messages)),
        messages.map((m) => m.answerId),
        messages.map((m) => m.score),
        messages.map((m) => m.fallback),
        messages.map((m) => senderHash(m.sender)),
        db.processName,
      ]),
    );
  }

  /**
   * A batch the database refused on its data (not an outage): each message is tried alone, and one it refuses is
   * dropped and logged rather than retried for ever. False when the database went away meanwhile.
   */
  async function writeOneByOne(batch: readonly QueueEntry[]): Promise<boolean> {
    for (const entry of batch) {
      try {
        await writeBatch([entry]);
      } catch (error) {
        if (isOutage(error)) return false;
        logger.error({ messageSid: entry.message.messageSid, err: error }, 'the shared database refused a message; it was dropped from the message log');
      }
    }
    return true;
  }

  /** A sender's last `limit` written messages with replies, oldest first; none while the database is unreachable. */
  async function writtenMessages(sender: string, limit: number): Promise<(RecentMessage & { messageSid: string | null })[]> {
    try {
      const { rows } = await db.run('reading recent messages', (pool) =>
        pool.query<{ message_sid: string | null; received_at: Date; body: string | null; reply: string[] }>(
          'SELECT message_sid, received_at, body, reply FROM messages WHERE sender = ANY($1) AND reply IS NOT NULL ORDER BY received_at DESC, id DESC LIMIT $2',
          [senderAddresses(sender), limit],
        ),
      );
      return rows.reverse().map((row) => ({ messageSid: row.message_sid, receivedAt: row.received_at.toISOString(), body: row.body, reply: row.reply }));
    } catch {
      return [];
    }
  }

  /** Writes batches until the queue is empty or a write fails; one writer at a time. */
  const flush = async (): Promise<number> => {
    while (writing !== null) await writing;
    writing = (async () => {
      while (queue.size > 0 && db.available) {
        const batch = queue.oldest(MAX_BATCH);
        try {
          await writeBatch(batch);
        } catch (error) {
          // An outage was logged by SharedDatabase, and the recovery listener flushes again.
          if (isOutage(error) || !(await writeOneByOne(batch))) return;
        }
        queue.remove(batch);
        if (dropped > 0) {
          logger.error({ dropped, maxQueued }, 'messages were dropped, unwritten, while the shared database was unreachable (MESSAGE_LOG_QUEUE_MAX)');
          dropped = 0;
        }
      }
    })().finally(() => (writing = null));
    await writing;
    return queue.size;
  };

  const schedule = (delay = flushDelayMs): void => {
    if (closed || timer !== null || queue.size === 0) return;
    timer = setTimeout(() => {
      timer = null;
      void flush().then((left) => left > 0 && schedule(RETRY_MS));
    }, delay);
    timer.unref();
  };

  db.onRecovered(() => {
    if (queue.size > 0) logger.info({ queued: queue.size }, 'writing the messages that waited for the shared database');
    void flush();
  });

  const prune = (): void => {
    if (!db.available) return;
    const cutoff = new Date(Date.now() - retentionDays * DAY_MS);
    db.run('deleting old messages', async (pool) => {
      const { rowCount } = await pool.query('DELETE FROM messages WHERE received_at < $1', [cutoff]);
      await pool.query('DELETE FROM forgotten WHERE forgotten_at < $1', [cutoff]);
      if ((rowCount ?? 0) > 0) logger.info({ pruned: rowCount, olderThan: cutoff.toISOString() }, 'deleted messages older than MESSAGE_LOG_DAYS');
    }).catch(() => undefined);
  };
  const pruneTimer = setInterval(prune, pruneEveryMs);
  pruneTimer.unref();

  return {
    async find(messageSid) {
      const queued = queuedReply(messageSid);
      if (queued !== null || !db.available) return queued;
      try {
        return await claimOrWait(messageSid);
      } catch {
        // Unreachable now: this replica answers, and its own queue de-duplicates until the database is back.
        return queuedReply(messageSid);
      }
    },
    record(message, receivedAt = Date.now()) {
      if (queue.add({ ...message, receivedAt: new Date(receivedAt).toISOString() }) !== undefined) dropped++;
      schedule();
    },
    release(messageSid) {
      if (!db.available) return;
      db.run('releasing a claim', (pool) =>
        pool.query('DELETE FROM messages WHERE message_sid = $1 AND reply IS NULL AND claimed_by = $2', [messageSid, db.processName]),
      ).catch(() => undefined);
    },
    flush,
    get queued() {
      return queue.size;
    },
    async recentMessages(sender, limit) {
      const written = await writtenMessages(sender, limit);
      const seen = new Set(written.map((message) => message.messageSid));
      // Messages of this replica not written yet (the one that started a hand-off, say) come last; one being written
      // while this was read is in both, and counts once.
      const waiting: RecentMessage[] = queue
        .oldest(queue.size)
        .map((entry) => entry.message)
        .filter((message) => senderNumber(message.sender) === sender && (message.messageSid === null || !seen.has(message.messageSid)))
        .map((message) => ({ receivedAt: message.receivedAt, body: message.body, reply: message.messages }));
      return [...written.map(({ receivedAt, body, reply }) => ({ receivedAt, body, reply })), ...waiting].slice(-limit);
    },
    async close(timeoutMs = 0) {
      if (closed) return { unwritten: queue.size };
      closed = true;
      clearInterval(pruneTimer);
      if (timer !== null) clearTimeout(timer);
      const deadline = Date.now() + timeoutMs;
      // One more try of an unreachable database, not a wait for it: an outage seldom ends within a shutdown.
      if (queue.size > 0 && !db.available && timeoutMs > 0) await Promise.race([db.connect(), sleep(timeoutMs)]);
      while ((await flush()) > 0 && db.available && Date.now() < deadline) await sleep(50);
      const unwritten = queue.oldest(queue.size).map((entry) => entry.message);
      if (unwritten.length > 0 || dropped > 0) {
        logger.error(
          { unwritten: unwritten.length, dropped, messageSids: unwritten.map((message) => message.messageSid) },
          'shutting down with messages the shared database could not take; they are lost',
        );
      }
      return { unwritten: unwritten.length };
    },
  };
}
