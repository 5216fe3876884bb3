import { createRateLimiter, type RateCounter, type RateDecision, type RateLimitOptions } from '../channels/rate-limiter';
import { type SharedDatabase } from './shared-database';

/** A rate limiter whose counts several replicas share, and the timer that deletes old windows. */
export interface SharedRateLimiter extends RateCounter {
  check(sender: string): Promise<RateDecision>;
  /** Stops deleting old windows. */
  stop(): void;
}

/** The decision for the `count`-th message of a window: the same rule as the in-memory limiter's `decide`. */
export function decisionFor(count: number, max: number): RateDecision {
  if (max === 0 || count <= max) return 'allow';
  return count === max + 1 ? 'notify' : 'drop';
}

/** The start of the fixed window `now` falls in: windows aligned on multiples of windowMs, the same on every replica. */
export function windowStart(now: number, windowMs: number): number {
  return Math.floor(now / windowMs) * windowMs;
}

/**
 * Counts each sender's messages per window in the shared database, with one atomic upsert per message, so a sender gets
 * the same limit whichever replica answers. While the database is unreachable, each replica counts alone in memory
 * (a sender may then get the limit once per replica).
 */
export function createSharedRateLimiter(db: SharedDatabase, options: RateLimitOptions): SharedRateLimiter {
  const now = options.now ?? Date.now;
  const local = createRateLimiter(options);
  const prune = setInterval(
    () => {
      if (!db.available) return;
      db.run('deleting old rate-limit windows', (pool) => pool.query('DELETE FROM rate_windows WHERE window_start < $1', [windowStart(now(), options.windowMs)])).catch(() => undefined);
    },
    Math.max(options.windowMs, 10_000),
  );
  prune.unref();
  return {
    async check(sender) {
      if (options.max === 0) return 'allow';
      // Counted here too, so that an outage starts from this replica's recent counts rather than from zero.
      const alone = local.check(sender);
      if (!db.available) return alone;
      try {
        const { rows } = await db.run('counting a message against the rate limit', (pool) =>
          pool.query<{ count: number }>(
            `INSERT INTO rate_windows (sender, window_start, count) VALUES ($1, $2, 1)
             ON CONFLICT (sender, window_start) DO UPDATE SET count = rate_windows.count + 1 RETURNING count`,
            [sender, windowStart(now(), options.windowMs)],
          ),
        );
        return decisionFor(rows[0]?.count ?? 1, options.max);
      } catch {
        return alone;
      }
    },
    stop() {
      clearInterval(prune);
    },
  };
}
