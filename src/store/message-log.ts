import type Database from 'better-sqlite3';
import { type Logger } from '../log/logger';
import { followLogFile } from './followed-log-file';
import { senderAddresses, senderNumber } from './sender-key';
import { type LoggedMessage, type RecentMessage, type StoredReply } from './types';
import { createWriteQueue, type QueueEntry } from './write-queue';

export type { LoggedMessage, RecentMessage, StoredReply } from './types';

/** How the server keeps its message log. */
export interface MessageLogOptions {
  readonly logger: Logger;
  /** MESSAGE_LOG_DAYS: messages (and erasure marks) older than this many days are deleted. Default 90. */
  readonly retentionDays: number;
  /** MESSAGE_LOG_QUEUE_MAX: messages held in memory while the file cannot be written; past it the oldest are dropped, and logged. Default 50000. */
  readonly maxQueued: number;
  /** MAX_MESSAGE_CHARS: texts of a faqbot 0.1 log are cut to it when the file is migrated. Default 2000. */
  readonly maxBodyChars: number;
  /** How long a message waits in memory so that the messages of a busy moment are written in one transaction. Default 10 ms. */
  readonly flushDelayMs: number;
  /** How often messages past retention are deleted. Default one hour (and once just after opening). */
  readonly pruneEveryMs: number;
  /** How often the path is checked for a deleted or replaced file, besides before each write. Default 1000 ms. */
  readonly checkEveryMs: number;
  /** The clock in ms, for tests. Default Date.now. */
  readonly now: () => number;
}

const DEFAULTS: Omit<MessageLogOptions, 'logger'> = {
  retentionDays: 90,
  maxQueued: 50_000,
  maxBodyChars: 2000,
  flushDelayMs: 10,
  pruneEveryMs: 3_600_000,
  checkEveryMs: 1000,
  now: Date.now,
};

/** The server waits at most this long for another process's lock per attempt: the event loop must not stall on it. */
const WRITER_BUSY_TIMEOUT_MS = 10;
/** Messages per write transaction: a backlog after a long lock is written in steps of a few ms, with requests served in between. */
const MAX_BATCH = 100;
/** Messages deleted per pruning step, for the same reason. */
const PRUNE_BATCH = 500;
/** Retry delays for a file that cannot be written: from FIRST_RETRY_MS doubling up to MAX_RETRY_MS. */
const FIRST_RETRY_MS = 25;
const MAX_RETRY_MS = 1000;
/** While shutting down, how often a locked file is tried again. */
const CLOSE_RETRY_MS = 50;
const DAY_MS = 86_400_000;

/** The message log: every message once, keyed by MessageSid, so a redelivered message gets the same reply. */
export interface MessageLog {
  /** The reply recorded for a MessageSid, queued or written, or null if it was never seen; throws when the file cannot be read. */
  find(messageSid: string): StoredReply | null;
  /**
   * Queues a message that arrived at `receivedAt` (ms, default now); it is written shortly after, off the request path.
   * A MessageSid already queued keeps its first message.
   */
  record(message: LoggedMessage, receivedAt?: number): void;
  /** Writes what is queued now, as far as the file lets it; returns how many messages are still waiting. */
  flush(): number;
  /** Messages received and not yet written. */
  readonly queued: number;
  /** The latest `limit` messages of one sender (E.164 number, SMS and WhatsApp alike) with the bot's replies, written or queued, oldest first. */
  recentMessages(sender: string, limit: number): Promise<readonly RecentMessage[]>;
  /**
   * The connection to the log file now at the path (reopened as the writer's is when the file was moved), for the other
   * tables kept in it: the conversation state. Never a second connection of its own, which could create a file at the
   * path before the writer notices a rotation, and have a moved file's write-ahead log replayed into it.
   */
  database(): Database.Database;
  /** Stops the timers, writes what is queued (retrying a locked file until `timeoutMs` has passed), logs what could not be written, closes the file. */
  close(timeoutMs?: number): Promise<{ unwritten: number }>;
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/**
 * Opens the message log at `path` (see openLogFile for the checks; a MessageLogError if it is not one) and keeps it:
 * records are queued in memory and written in batches by a timer, never on the request path, and retried while another
 * process holds the file's lock; old messages are pruned in small steps; a file deleted or renamed away while serving is
 * noticed and a new one opened at the path.
 */
export function openMessageLog(path: string, options: Partial<MessageLogOptions> & { logger: Logger }): MessageLog {
  const { logger, retentionDays, maxQueued, maxBodyChars, flushDelayMs, pruneEveryMs, checkEveryMs, now } = { ...DEFAULTS, ...options };
  const file = followLogFile(path, { busyTimeoutMs: WRITER_BUSY_TIMEOUT_MS, maxBodyChars, logger, now });
  const queue = createWriteQueue(maxQueued);
  let closed = false;
  let flushTimer: NodeJS.Timeout | null = null;
  let failures = 0;
  let failingSince = 0;
  let dropped = 0;

  const onFailure = (error: unknown): void => {
    failures++;
    if (failures > 1) return;
    failingSince = now();
    if (isBusy(error)) logger.warn({ messageLog: path, queued: queue.size }, 'the message log is locked by another process; messages wait in memory and are written when it is free');
    else logger.error({ messageLog: path, queued: queue.size, err: error }, 'could not write to the message log; messages wait in memory and are retried');
  };

  /** One write transaction of the oldest queued messages; true when it went through. */
  const writeBatch = (): boolean => {
    const batch = queue.oldest(MAX_BATCH);
    // Past retention a message would be pruned at once, and the erasure mark that must stop it may be gone already.
    const cutoff = new Date(now() - retentionDays * DAY_MS).toISOString();
    const due: QueueEntry[] = batch.filter((entry) => entry.message.receivedAt >= cutoff);
    try {
      file.current().write(due.map((entry) => entry.message));
    } catch (error) {
      onFailure(error);
      return false;
    }
    queue.remove(batch);
    if (failures > 0) logger.info({ messageLog: path, afterMs: now() - failingSince, queued: queue.size }, 'the message log can be written again; the waiting messages are being written');
    if (dropped > 0) logger.error({ messageLog: path, dropped, maxQueued }, 'messages were dropped, unwritten, while the message log could not be written (MESSAGE_LOG_QUEUE_MAX)');
    failures = 0;
    dropped = 0;
    return true;
  };

  const flush = (): number => {
    while (queue.size > 0 && writeBatch());
    return queue.size;
  };

  const schedule = (): void => {
    if (closed || flushTimer !== null || queue.size === 0) return;
    const delay = failures === 0 ? flushDelayMs : Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (failures - 1));
    flushTimer = setTimeout(() => {
      flushTimer = null;
      // One batch per turn: a long backlog is written in steps, with requests served in between.
      if (queue.size > 0) writeBatch();
      schedule();
    }, delay);
    flushTimer.unref();
  };

  let pruning = false;
  const pruneStep = (cutoff: string, total: number): void => {
    if (closed) return void (pruning = false);
    try {
      const deleted = file.current().prune(cutoff, PRUNE_BATCH);
      if (deleted === PRUNE_BATCH) return void setImmediate(() => pruneStep(cutoff, total + deleted));
      if (total + deleted > 0) logger.info({ messageLog: path, pruned: total + deleted, olderThan: cutoff }, 'deleted messages older than MESSAGE_LOG_DAYS');
    } catch (error) {
      // Busy: the next round will do it. Anything else is worth a line; the writer reports its own failures.
      if (!isBusy(error)) logger.error({ messageLog: path, err: error }, 'could not delete old messages from the message log');
    }
    pruning = false;
  };
  const prune = (): void => {
    if (pruning || closed) return;
    pruning = true;
    pruneStep(new Date(now() - retentionDays * DAY_MS).toISOString(), 0);
  };
  const pruneTimer = setInterval(prune, pruneEveryMs);
  pruneTimer.unref();
  setImmediate(prune);

  const checkTimer = setInterval(() => {
    try {
      file.current();
    } catch (error) {
      onFailure(error);
    }
  }, checkEveryMs);
  checkTimer.unref();

  return {
    find(messageSid) {
      const queued = queue.get(messageSid);
      // No stat per lookup: the timer and each write notice a moved file.
      if (queued === undefined) return file.open().find(messageSid);
      return { messages: queued.messages, answerId: queued.answerId, score: queued.score, fallback: queued.fallback };
    },
    record(message, receivedAt = now()) {
      // Spelled out rather than spread: one object shape for every queued message keeps recording cheap.
      const { messageSid, sender, body, messages, answerId, score, fallback } = message;
      const lost = queue.add({ messageSid, sender, body, messages, answerId, score, fallback, receivedAt: new Date(receivedAt).toISOString() });
      if (lost !== undefined) dropped++;
      schedule();
    },
    flush,
    get queued() {
      return queue.size;
    },
    database: () => file.database(),
    async recentMessages(sender, limit) {
      const toRecent = (m: { receivedAt: string; body: string | null; messages: readonly string[] }): RecentMessage => ({ receivedAt: m.receivedAt, body: m.body, reply: m.messages });
      const waiting = queue
        .oldest(queue.size)
        .map((entry) => entry.message)
        .filter((m) => senderNumber(m.sender) === sender)
        .map(toRecent);
      const written = file.open().recent(senderAddresses(sender), limit).reverse();
      return [...written, ...waiting].slice(-limit);
    },
    async close(timeoutMs = 0) {
      if (closed) return { unwritten: queue.size };
      closed = true;
      clearInterval(pruneTimer);
      clearInterval(checkTimer);
      if (flushTimer !== null) clearTimeout(flushTimer);
      const deadline = now() + timeoutMs;
      while (flush() > 0 && now() < deadline) await new Promise((resolve) => setTimeout(resolve, CLOSE_RETRY_MS));
      const unwritten = queue.oldest(queue.size).map((entry) => entry.message);
      if (unwritten.length > 0) {
        logger.error(
          { messageLog: path, unwritten: unwritten.length, messageSids: unwritten.map((message) => message.messageSid) },
          'shutting down with messages the message log could not take; they are lost',
        );
      }
      file.close();
      return { unwritten: unwritten.length };
    },
  };
}
