import { isEmptyState, liveState, stateExpiresAt } from '../conversation/state-expiry';
import { type PausedSender, type SenderState, type StateStore } from '../conversation/state-store';
import { type Logger } from '../log/logger';
import { isOutage, type SharedDatabase } from './shared-database';

/** How the shared state store behaves while the database is unreachable. */
export interface SharedStateStoreOptions {
  readonly logger: Logger;
  /** State writes held in memory while the database is unreachable (one per sender, the latest); past it the oldest are dropped and counted. */
  readonly maxQueued: number;
  /** Last-known states kept to answer from during an outage. Default 10000. */
  readonly maxRemembered?: number;
  /** How often expired rows are deleted. Default one minute. */
  readonly pruneEveryMs?: number;
}

/** The state store in PostgreSQL, with what it holds in memory for an outage. */
export interface SharedStateStore extends StateStore {
  /** State writes waiting for the database. */
  readonly queued: number;
}

interface StateRow {
  state: SenderState;
}

/** A Map used as a bounded cache: a key set again moves to the end, and past `max` the oldest key goes. Returns whether one went. */
function putBounded<V>(map: Map<string, V>, key: string, value: V, max: number): boolean {
  map.delete(key);
  map.set(key, value);
  if (map.size <= max) return false;
  map.delete(map.keys().next().value as string);
  return true;
}

/**
 * Per-sender state in the `sender_state` table of the shared database, so a hand-off or a pending choice made through one
 * replica holds on every replica. Reads and writes go to the database on the request path. While it is unreachable, a
 * read answers from this replica's memory of the sender (the last state it read or wrote), and a write is kept in memory
 * (the latest per sender, bounded) and written when the database returns; nothing here throws on a database error, so
 * the webhook answers as usual.
 */
export function openSharedStateStore(db: SharedDatabase, { logger, maxQueued, maxRemembered = 10_000, pruneEveryMs = 60_000 }: SharedStateStoreOptions): SharedStateStore {
  const remembered = new Map<string, SenderState | null>();
  // sender -> the state to write (null deletes), and the time it was decided at.
  const pending = new Map<string, { state: SenderState | null; now: number }>();
  let dropped = 0;

  const write = async (sender: string, state: SenderState | null, now: number): Promise<void> => {
    await db.run('writing sender state', (pool) =>
      state === null
        ? pool.query('DELETE FROM sender_state WHERE sender = $1', [sender])
        : pool.query(
            `INSERT INTO sender_state (sender, state, pause_until, expires_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (sender) DO UPDATE SET state = EXCLUDED.state, pause_until = EXCLUDED.pause_until, expires_at = EXCLUDED.expires_at`,
            [sender, JSON.stringify(state), state.pause?.until ?? null, stateExpiresAt(state, now)],
          ),
    );
  };

  let flushing = false;
  const flushPending = async (): Promise<void> => {
    if (flushing) return;
    flushing = true;
    try {
      while (pending.size > 0 && db.available) {
        for (const [sender, entry] of [...pending]) {
          try {
            await write(sender, entry.state, entry.now);
          } catch (error) {
            if (isOutage(error)) return;
            // Refused on its data (logged by SharedDatabase): retrying would fail for ever.
          }
          // A newer state set meanwhile stays for the next round.
          if (pending.get(sender) === entry) pending.delete(sender);
        }
      }
      if (dropped > 0) logger.error({ dropped, maxQueued }, 'sender state writes were dropped while the shared database was unreachable (MESSAGE_LOG_QUEUE_MAX)');
      dropped = 0;
    } catch {
      // Logged as an outage by SharedDatabase; retried on recovery.
    } finally {
      flushing = false;
    }
  };
  db.onRecovered(() => void flushPending());

  const prune = setInterval(() => {
    if (db.available) db.run('deleting expired sender state', (pool) => pool.query('DELETE FROM sender_state WHERE expires_at <= $1', [Date.now()])).catch(() => undefined);
  }, pruneEveryMs);
  prune.unref();

  const fromMemory = (sender: string, now: number): SenderState | undefined => {
    const known = pending.has(sender) ? pending.get(sender)!.state : remembered.get(sender);
    if (known === null || known === undefined) return undefined;
    const state = liveState(known, now);
    return isEmptyState(state) ? undefined : state;
  };

  return {
    async get(sender, now) {
      if (!db.available || pending.has(sender)) return fromMemory(sender, now);
      try {
        const { rows } = await db.run('reading sender state', (pool) =>
          pool.query<StateRow>('SELECT state FROM sender_state WHERE sender = $1 AND expires_at > $2', [sender, now]),
        );
        const stored = rows[0]?.state ?? null;
        putBounded(remembered, sender, stored, maxRemembered);
        if (stored === null) return undefined;
        const state = liveState(stored, now);
        return isEmptyState(state) ? undefined : state;
      } catch {
        return fromMemory(sender, now);
      }
    },
    async set(sender, state, now) {
      const live = liveState(state, now);
      const value = isEmptyState(live) ? null : live;
      putBounded(remembered, sender, value, maxRemembered);
      if (db.available && !pending.has(sender)) {
        try {
          return await write(sender, value, now);
        } catch {
          // Falls through: kept for when the database returns.
        }
      }
      if (putBounded(pending, sender, { state: value, now }, maxQueued)) dropped++;
      if (db.available) void flushPending();
    },
    async delete(sender) {
      remembered.delete(sender);
      pending.delete(sender);
      const { rowCount } = await db.run('deleting sender state', (pool) => pool.query('DELETE FROM sender_state WHERE sender = $1', [sender]));
      return rowCount ?? 0;
    },
    async listPaused(now) {
      const { rows } = await db.run('listing hand-offs', (pool) =>
        pool.query<StateRow & { sender: string }>('SELECT sender, state FROM sender_state WHERE pause_until > $1 ORDER BY pause_until', [now]),
      );
      const paused: PausedSender[] = [];
      for (const row of rows) {
        const { pause } = liveState(row.state, now);
        if (pause !== undefined) paused.push({ sender: row.sender, ...pause });
      }
      return paused;
    },
    get queued() {
      return pending.size;
    },
    async close() {
      clearInterval(prune);
      if (pending.size > 0 && db.available) await flushPending();
      if (pending.size > 0 || dropped > 0) logger.error({ unwritten: pending.size, dropped }, 'shutting down with sender state the shared database could not take; it is lost');
    },
  };
}
