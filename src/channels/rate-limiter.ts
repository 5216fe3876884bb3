/** What to do with a sender's message: answer it, send the one over-limit notice, or stay silent. */
export type RateDecision = 'allow' | 'notify' | 'drop';

/** How many messages a sender may send per window. */
export interface RateLimitOptions {
  /** Messages allowed per window; 0 turns limiting off. */
  readonly max: number;
  readonly windowMs: number;
  /** The clock, in milliseconds; injectable so tests need not wait. Default Date.now. */
  readonly now?: () => number;
}

/** One sender's fixed window. */
interface Window {
  readonly startedAt: number;
  readonly count: number;
}

/** Counts messages per sender in fixed windows, in memory: a restart forgives everyone, which is fine for a courtesy limit. */
export interface RateLimiter {
  /** Records one message from `sender` and decides what to do with it. */
  check(sender: string): RateDecision;
  /** Senders currently tracked; bounded by the senders of one window. */
  readonly size: number;
}

/** Decides on one message given the sender's window; pure, so the rules are testable alone. */
export function decide(window: Window | undefined, now: number, { max, windowMs }: RateLimitOptions): { decision: RateDecision; window: Window } {
  const current = window === undefined || now - window.startedAt >= windowMs ? { startedAt: now, count: 0 } : window;
  const next = { startedAt: current.startedAt, count: current.count + 1 };
  if (max === 0 || next.count <= max) return { decision: 'allow', window: next };
  return { decision: next.count === max + 1 ? 'notify' : 'drop', window: next };
}

/** What the webhook needs of a limiter: this in-memory one, or one counting in a database shared by several replicas. */
export interface RateCounter {
  /** Records one message from `sender` and decides what to do with it. */
  check(sender: string): RateDecision | Promise<RateDecision>;
}

/** Builds a per-sender rate limiter; expired windows are swept once per window so memory stays bounded. */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const windows = new Map<string, Window>();
  let sweptAt = now();
  const sweep = (at: number): void => {
    if (at - sweptAt < options.windowMs) return;
    for (const [sender, window] of windows) if (at - window.startedAt >= options.windowMs) windows.delete(sender);
    sweptAt = at;
  };
  return {
    check(sender) {
      if (options.max === 0) return 'allow';
      const at = now();
      sweep(at);
      const { decision, window } = decide(windows.get(sender), at, options);
      windows.set(sender, window);
      return decision;
    },
    get size() {
      return windows.size;
    },
  };
}
