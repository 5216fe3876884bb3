import { hostname } from 'node:os';
import { Pool, type PoolConfig } from 'pg';
import { type Logger } from '../log/logger';
import { migrate } from './migrations';

/** Whether the shared database answers: "ok", or "degraded" while it does not (replies go on, see README "Running several replicas"). */
export type DatabaseState = 'ok' | 'degraded';

/** How the shared database is reached. */
export interface SharedDatabaseOptions {
  readonly url: string;
  readonly logger: Logger;
  /** Longest a query on the request path may take before the reply goes on without it. Default 2000 ms. */
  readonly requestBudgetMs?: number;
  /** How often an unreachable database is tried again. Default 1000 ms. */
  readonly probeEveryMs?: number;
  /** Connections per process. Default 10. */
  readonly maxConnections?: number;
}

/** The shared PostgreSQL database of several replicas, with the bookkeeping of its outages. */
export interface SharedDatabase {
  readonly pool: Pool;
  /** Names this process in claims and logs: host and pid. */
  readonly processName: string;
  /** True until a query fails, then false until a probe succeeds again (and the schema is migrated). */
  readonly available: boolean;
  readonly state: DatabaseState;
  /**
   * Runs `query` within the request budget when the database is available; a failure that means the database cannot be
   * used marks an outage (logged once), any other is logged; both are rethrown, for the caller to degrade. When
   * unavailable, throws at once without trying.
   */
  run<T>(what: string, query: (pool: Pool) => Promise<T>): Promise<T>;
  /** Called each time the database becomes reachable again, after the schema is checked (the write queue flushes then). */
  onRecovered(listener: () => void): void;
  /** Tries to connect and migrate now; resolves to whether it is available. */
  connect(): Promise<boolean>;
  /** Stops the probe and closes the pool. */
  close(): Promise<void>;
}

/** The database is known to be down: nothing was tried. */
export class DatabaseUnavailableError extends Error {
  constructor(what: string) {
    super(`the shared database is unreachable; ${what} skipped`);
    this.name = 'DatabaseUnavailableError';
  }
}

/** Where to connect, without the password, for log lines. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.username === '' ? '' : `${parsed.username}@`}${parsed.host}${parsed.pathname}`;
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}

/**
 * True when an error means the database cannot be used now (no connection, a timeout, the server shutting down or out of
 * connections, the database missing), as opposed to one statement failing on its data, which says nothing of the others.
 */
export function isOutage(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  // Server errors carry a five-character SQLSTATE; socket errors carry ECONNREFUSED and the like, timeouts nothing.
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return ['08', '57', '53', '3D', '28'].includes(code.slice(0, 2));
}

/** Rejects after `ms` with a timeout error, unless `promise` settles first. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Opens a pool on DATABASE_URL. Nothing here throws on a database error: the first failure of an outage logs one line
 * and flips `available` off, a timer probes until the database answers (applying migrations), logs the recovery once
 * and tells the listeners.
 */
export function openSharedDatabase({ url, logger, requestBudgetMs = 2000, probeEveryMs = 1000, maxConnections = 10 }: SharedDatabaseOptions): SharedDatabase {
  const config: PoolConfig = { connectionString: url, max: maxConnections, connectionTimeoutMillis: Math.max(500, requestBudgetMs), idleTimeoutMillis: 30_000 };
  const pool = new Pool(config);
  const where = describeUrl(url);
  const processName = `${hostname()}:${process.pid}`;
  // A connection dropped while idle (the server restarting) is reported here; unhandled, it would crash the process.
  pool.on('error', (error) => markDown('an idle connection', error));
  let available = false;
  let migrated = false;
  let downSince: number | null = null;
  let probe: NodeJS.Timeout | null = null;
  let closed = false;
  const listeners: (() => void)[] = [];

  function markDown(what: string, error: unknown): void {
    available = false;
    if (downSince === null) {
      downSince = Date.now();
      logger.error(
        { database: where, err: error, during: what },
        'the shared database is unreachable: replies go on from the index in memory; de-duplication, rate limits and sender state fall back to this replica alone, and writes wait in memory until it returns',
      );
    }
    startProbe();
  }

  function startProbe(): void {
    if (probe !== null || closed) return;
    probe = setInterval(() => void connect(), probeEveryMs);
    probe.unref();
  }

  let connecting: Promise<boolean> | null = null;
  function connect(): Promise<boolean> {
    connecting ??= (async () => {
      try {
        if (!migrated) {
          const applied = await within(migrate(pool), Math.max(5000, requestBudgetMs), 'migrating the shared database');
          migrated = true;
          if (applied.length > 0) logger.info({ database: where, applied }, 'shared database migrated');
        } else {
          await within(pool.query('SELECT 1'), requestBudgetMs, 'reaching the shared database');
        }
        const wasDown = downSince;
        available = true;
        downSince = null;
        if (probe !== null) clearInterval(probe);
        probe = null;
        if (wasDown !== null) logger.info({ database: where, downMs: Date.now() - wasDown }, 'the shared database is reachable again');
        for (const listener of listeners) listener();
        return true;
      } catch (error) {
        markDown('connecting', error);
        return false;
      } finally {
        connecting = null;
      }
    })();
    return connecting;
  }

  return {
    pool,
    processName,
    get available() {
      return available;
    },
    get state(): DatabaseState {
      return available ? 'ok' : 'degraded';
    },
    async run(what, query) {
      if (!available) throw new DatabaseUnavailableError(what);
      try {
        return await within(query(pool), requestBudgetMs, what);
      } catch (error) {
        if (isOutage(error)) markDown(what, error);
        else logger.error({ err: error, during: what }, 'a statement failed on the shared database');
        throw error;
      }
    },
    onRecovered(listener) {
      listeners.push(listener);
    },
    connect,
    async close() {
      closed = true;
      if (probe !== null) clearInterval(probe);
      probe = null;
      await pool.end().catch(() => undefined);
    },
  };
}
