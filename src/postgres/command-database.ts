import { type StateStore } from '../conversation/state-store';
import { createLogger } from '../log/logger';
import { senderAddresses, senderHash } from '../store/sender-key';
import { describeUrl, openSharedDatabase, type SharedDatabase } from './shared-database';
import { SharedDatabaseError } from './shared-database-error';
import { openSharedStateStore } from './shared-state-store';

/** How long a command waits for the database; a person is waiting at the terminal. */
const COMMAND_BUDGET_MS = 10_000;

/** Connects a command (resume, handoffs, forget) to DATABASE_URL, migrating it if needed; a SharedDatabaseError if it cannot. */
export async function connectForCommand(url: string): Promise<SharedDatabase> {
  // The command reports failures itself, as an error with a hint: no log lines.
  const db = openSharedDatabase({ url, logger: createLogger('silent'), requestBudgetMs: COMMAND_BUDGET_MS, maxConnections: 2 });
  if (await db.connect()) return db;
  await db.close();
  throw new SharedDatabaseError(`cannot reach the shared database ${describeUrl(url)}`, 'nothing was changed', 'Check DATABASE_URL and that PostgreSQL is running');
}

/** The shared state store for a command: errors are thrown (as SharedDatabaseError), never queued; close() disconnects. */
export async function openCommandStateStore(url: string): Promise<StateStore> {
  const db = await connectForCommand(url);
  const store = openSharedStateStore(db, { logger: createLogger('silent'), maxQueued: 1 });
  const failing = <A extends unknown[], R>(what: string, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        const result = await call(...args);
        // set() keeps a write it could not make; a command must say so instead.
        if (store.queued > 0) throw new Error('the write did not go through');
        return result;
      } catch (error) {
        throw new SharedDatabaseError(`could not ${what} in ${describeUrl(url)}`, error, 'Try again when the database is reachable');
      }
    };
  return {
    get: failing('read the sender state', store.get),
    set: failing('save the sender state', store.set),
    delete: failing('delete the sender state', store.delete),
    listPaused: failing('list the hand-offs', store.listPaused),
    async close() {
      await store.close();
      await db.close();
    },
  };
}

/**
 * Erases one sender (E.164 number) from the shared database in one transaction: the messages from either address, the
 * conversation state, and a hash of the number with the time, so a replica's queued writes of earlier messages of that
 * sender are not written back afterwards. Returns how many messages were deleted.
 */
export async function forgetInDatabase(url: string, number: string, now = Date.now()): Promise<number> {
  const db = await connectForCommand(url);
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    const { rowCount } = await client.query('DELETE FROM messages WHERE sender = ANY($1)', [senderAddresses(number)]);
    await client.query('DELETE FROM sender_state WHERE sender = $1', [number]);
    await client.query(
      'INSERT INTO forgotten (sender_hash, forgotten_at) VALUES ($1, $2) ON CONFLICT (sender_hash) DO UPDATE SET forgotten_at = EXCLUDED.forgotten_at',
      [senderHash(number), new Date(now)],
    );
    await client.query('COMMIT');
    return rowCount ?? 0;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new SharedDatabaseError(`could not forget ${number} in ${describeUrl(url)}`, error, 'Nothing was deleted; try again when the database is reachable');
  } finally {
    client.release();
    await db.close();
  }
}
