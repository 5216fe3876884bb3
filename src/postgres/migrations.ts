import { type Pool, type PoolClient } from 'pg';

/** One step of the shared schema; applied once, in order, and never edited after release (add a new one instead). */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * The shared tables. `messages` is the message log and the de-duplication claim at once: a row with a NULL reply is a
 * MessageSid some replica is answering now. `forgotten` holds hashes of numbers erased by `faqbot forget` (as in the
 * SQLite log). `sender_state` is the StateStore, `rate_windows` the rate-limit counters, `index_versions` the published
 * indexes (the SQLite file's bytes).
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'message log, erasures, sender state, rate limits, index versions',
    sql: `
CREATE TABLE messages (
  id BIGSERIAL PRIMARY KEY,
  message_sid TEXT UNIQUE,
  received_at TIMESTAMPTZ NOT NULL,
  claimed_by TEXT,
  sender TEXT,
  body TEXT,
  reply JSONB,
  answer_id TEXT,
  score DOUBLE PRECISION,
  fallback TEXT
);
CREATE INDEX messages_received_at ON messages (received_at);
CREATE INDEX messages_sender ON messages (sender);
CREATE TABLE forgotten (sender_hash TEXT PRIMARY KEY, forgotten_at TIMESTAMPTZ NOT NULL);
CREATE TABLE sender_state (
  sender TEXT PRIMARY KEY,
  state JSONB NOT NULL,
  pause_until BIGINT,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sender_state_pause_until ON sender_state (pause_until) WHERE pause_until IS NOT NULL;
CREATE TABLE rate_windows (
  sender TEXT NOT NULL,
  window_start BIGINT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (sender, window_start)
);
CREATE TABLE index_versions (
  version BIGSERIAL PRIMARY KEY,
  sha256 TEXT NOT NULL,
  corpus_hash TEXT NOT NULL,
  built_at TEXT NOT NULL,
  answers INTEGER NOT NULL,
  bytes BYTEA NOT NULL,
  published_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
`,
  },
];

/** Any fixed number: every faqbot process takes this transaction-scoped advisory lock before it looks at the schema. */
const MIGRATION_LOCK_KEY = 0x4651_4d47;

/**
 * Brings the database to the latest schema: in one transaction holding an advisory lock, so replicas starting at once
 * wait for each other and each migration runs exactly once. Returns the versions it applied.
 */
export async function migrate(pool: Pool, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const client = await pool.connect();
  try {
    return await migrateWith(client, migrations);
  } finally {
    client.release();
  }
}

async function migrateWith(client: PoolClient, migrations: readonly Migration[]): Promise<number[]> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((row) => row.version));
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
