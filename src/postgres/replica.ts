import { existsSync } from 'node:fs';
import { type Config } from '../config/config';
import { IndexError } from '../index/index-error';
import { loadIndex } from '../index/load-index';
import { type LoadedIndex } from '../index/loaded-index';
import { type Logger } from '../log/logger';
import { describeUrl, openSharedDatabase, type DatabaseState, type SharedDatabase } from './shared-database';
import { followPublishedIndex, type IndexFollower } from './index-follower';
import { openSharedMessageLog, type SharedMessageLog } from './shared-message-log';
import { openSharedStateStore, type SharedStateStore } from './shared-state-store';
import { createSharedRateLimiter, type SharedRateLimiter } from './shared-rate-limiter';

/** What /health adds for a replica: whether the shared database answers, and what waits for it. */
export interface ReplicaHealth {
  readonly state: DatabaseState;
  readonly database: { readonly state: DatabaseState; readonly queuedMessages: number; readonly queuedStates: number; readonly indexVersion: number | null };
}

/** Everything a `faqbot serve` with DATABASE_URL shares with the other replicas. */
export interface Replica {
  readonly db: SharedDatabase;
  readonly messageLog: SharedMessageLog;
  readonly rateLimiter: SharedRateLimiter;
  /** Per-sender state; the server closes it before the replica. */
  readonly stateStore: SharedStateStore;
  readonly follower: IndexFollower;
  /** The index to start serving: the published copy kept locally, or undefined when there is none (build from the corpus then). */
  localIndex(): LoadedIndex | undefined;
  /** Starts following the published index; `onWritten` is told when a new version's file is in place. */
  follow(onWritten: () => void): void;
  health(): ReplicaHealth;
  /** Writes what waits (for at most `timeoutMs`), stops following and closes the pool. */
  close(timeoutMs: number): Promise<{ unwritten: number }>;
}

/** How long start-up waits for the shared database before serving degraded. */
const START_TIMEOUT_MS = 5000;

/**
 * Connects a replica to DATABASE_URL: migrates the schema, fetches the newest published index into the local index file,
 * and opens the shared message log and rate limiter. An unreachable database is logged and start-up goes on: the
 * replica serves its local copy and catches up when the database returns.
 */
export async function openReplica(config: Config, logger: Logger, databaseUrl: string): Promise<Replica> {
  const db = openSharedDatabase({ url: databaseUrl, logger });
  const started = await Promise.race([db.connect(), new Promise<false>((resolve) => setTimeout(() => resolve(false), START_TIMEOUT_MS).unref())]);
  logger.info({ database: describeUrl(databaseUrl), state: db.state }, started ? 'connected to the shared database' : 'starting without the shared database');
  let onWritten = (): void => undefined;
  const follower = followPublishedIndex({ db, url: databaseUrl, path: config.dbPath, pollMs: Math.min(config.indexPollMs, 2000), logger, onWritten: () => onWritten() });
  if (db.available) await follower.sync();
  const messageLog = openSharedMessageLog(db, { logger, retentionDays: config.messageLogDays, maxQueued: config.messageLogQueueMax });
  const stateStore = openSharedStateStore(db, { logger, maxQueued: config.messageLogQueueMax });
  const rateLimiter = createSharedRateLimiter(db, { max: config.rateLimitMax, windowMs: config.rateLimitWindowMs });
  return {
    db,
    messageLog,
    rateLimiter,
    stateStore,
    follower,
    localIndex() {
      // A published copy is served as it is; so is a local file when there is no corpus to build one from.
      if (follower.copy === null && (existsSync(config.corpusDir) || !existsSync(config.dbPath))) return undefined;
      try {
        return loadIndex(config.dbPath);
      } catch (error) {
        if (error instanceof IndexError) return undefined;
        throw error;
      }
    },
    follow(listener) {
      onWritten = listener;
      follower.start();
    },
    health() {
      const state = db.state;
      return { state, database: { state, queuedMessages: messageLog.queued, queuedStates: stateStore.queued, indexVersion: follower.copy?.version ?? null } };
    },
    async close(timeoutMs) {
      rateLimiter.stop();
      await follower.stop();
      const result = await messageLog.close(timeoutMs);
      await db.close();
      return result;
    },
  };
}
