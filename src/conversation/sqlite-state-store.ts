import type Database from 'better-sqlite3';
import { inodeOf, openLogFile, type OpenLogFile } from '../store/open-log-file';
import { isEmptyState, liveState, stateExpiresAt } from './state-expiry';
import { type PausedSender, type SenderState, type StateStore } from './state-store';

/** How the SQLite state store opens the message log file it keeps its table in. */
export interface SqliteStateStoreOptions {
  /** How long a statement waits for another process's lock; short, as it runs on the request path. Default 100 ms. */
  readonly busyTimeoutMs?: number;
  /** MAX_MESSAGE_CHARS, in case the file is an older log that must be migrated first. Default 2000. */
  readonly maxBodyChars?: number;
  /** Create the file when missing: the server does, the CLI commands do not. Default true. */
  readonly create?: boolean;
}

interface StateRow {
  readonly state: string;
  readonly expires_at: number;
}

interface Statements {
  readonly db: Database.Database;
  readonly select: Database.Statement<[string], StateRow>;
  readonly upsert: Database.Statement<[string, string, number]>;
  readonly remove: Database.Statement<[string]>;
  readonly prune: Database.Statement<[number]>;
  readonly live: Database.Statement<[number], { sender: string; state: string }>;
}

function prepare(db: Database.Database): Statements {
  return {
    db,
    select: db.prepare<[string], StateRow>('SELECT state, expires_at FROM sender_state WHERE sender = ?'),
    upsert: db.prepare<[string, string, number]>(
      'INSERT INTO sender_state (sender, state, expires_at) VALUES (?, ?, ?) ON CONFLICT (sender) DO UPDATE SET state = excluded.state, expires_at = excluded.expires_at',
    ),
    remove: db.prepare<[string]>('DELETE FROM sender_state WHERE sender = ?'),
    prune: db.prepare<[number]>('DELETE FROM sender_state WHERE expires_at <= ?'),
    live: db.prepare<[number], { sender: string; state: string }>('SELECT sender, state FROM sender_state WHERE expires_at > ?'),
  };
}

/**
 * Per-sender state in the `sender_state` table of an SQLite message log. Given a path (the CLI commands), it opens the
 * file itself and reopens it if the path comes to name another file; given `database`, the connection of a running
 * message log (the server), it uses that one, so it follows the log file exactly as the log's writer does.
 */
export function openSqliteStateStore(source: string | { readonly database: () => Database.Database }, options: SqliteStateStoreOptions = {}): StateStore {
  return typeof source === 'string' ? storeOnPath(source, options) : storeOnConnection(source.database);
}

function storeOnPath(path: string, { busyTimeoutMs = 100, maxBodyChars = 2000, create = true }: SqliteStateStoreOptions): StateStore {
  let opened: OpenLogFile | null = null;
  const database = (): Database.Database => {
    if (opened !== null && inodeOf(path) === opened.identity) return opened.db;
    opened?.db.close();
    opened = openLogFile(path, { create, busyTimeoutMs, maxBodyChars });
    return opened.db;
  };
  const store = storeOnConnection(database);
  return {
    ...store,
    async close() {
      opened?.db.close();
      opened = null;
    },
  };
}

/** The store on whatever connection `database` gives now; statements are prepared again when it gives another. */
function storeOnConnection(database: () => Database.Database): StateStore {
  let prepared: Statements | null = null;
  const current = (): Statements => {
    const db = database();
    if (prepared === null || prepared.db !== db) prepared = prepare(db);
    return prepared;
  };

  return {
    async get(sender, now) {
      const row = current().select.get(sender);
      if (row === undefined || row.expires_at <= now) return undefined;
      const state = liveState(JSON.parse(row.state) as SenderState, now);
      return isEmptyState(state) ? undefined : state;
    },
    async set(sender, state, now) {
      const { db, upsert, remove, prune } = current();
      const live = liveState(state, now);
      db.transaction(() => {
        // Expired rows of everyone go here, a few at a time in practice: state expires by itself, with no timer to run.
        prune.run(now);
        if (isEmptyState(live)) remove.run(sender);
        else upsert.run(sender, JSON.stringify(live), stateExpiresAt(live, now));
      }).immediate();
    },
    async delete(sender) {
      return current().remove.run(sender).changes;
    },
    async listPaused(now) {
      const paused: PausedSender[] = [];
      for (const row of current().live.all(now)) {
        const { pause } = liveState(JSON.parse(row.state) as SenderState, now);
        if (pause !== undefined) paused.push({ sender: row.sender, ...pause });
      }
      return paused.sort((a, b) => a.until - b.until);
    },
    async close() {
      // A borrowed connection belongs to the message log, which closes it.
      prepared = null;
    },
  };
}
