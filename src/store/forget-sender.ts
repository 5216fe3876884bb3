import { openLogFile } from './open-log-file';
import { MessageLogError } from './message-log-error';
import { senderAddresses, senderHash } from './sender-key';

/** How long `faqbot forget` waits for a lock: a server holds it for one short write transaction at a time. */
const FORGET_BUSY_TIMEOUT_MS = 5000;

/** What `forgetSender` needs besides the file and the number. */
export interface ForgetOptions {
  /** MAX_MESSAGE_CHARS, in case the file is a faqbot 0.1 log that must be migrated first. */
  readonly maxBodyChars: number;
  /** The clock in ms, for tests. Default Date.now. */
  readonly now?: () => number;
}

/**
 * Erases one sender from the message log at `path`, which must exist: deletes every message from `number` (an E.164
 * number, see senderNumber) and its conversation state, and records a hash of it with the time, in the same transaction, so that a server running on
 * the same file drops that sender's messages it still holds in memory instead of writing them afterwards. Deleted texts
 * are overwritten (secure_delete) and the write-ahead log is checkpointed and emptied, so no copy stays in the files.
 * Returns how many messages were deleted.
 */
export function forgetSender(path: string, number: string, { maxBodyChars, now = Date.now }: ForgetOptions): number {
  const { db } = openLogFile(path, { create: false, busyTimeoutMs: FORGET_BUSY_TIMEOUT_MS, maxBodyChars });
  try {
    const addresses = senderAddresses(number);
    const remove = db.prepare(`DELETE FROM messages WHERE sender IN (${addresses.map(() => '?').join(', ')})`);
    // What the bot remembers of the conversation (choices, a hand-off) goes too: it is keyed by the number itself.
    const removeState = db.prepare('DELETE FROM sender_state WHERE sender = ?');
    const mark = db.prepare('INSERT INTO forgotten (sender_hash, forgotten_at) VALUES (?, ?) ON CONFLICT (sender_hash) DO UPDATE SET forgotten_at = excluded.forgotten_at');
    const deleted = db
      .transaction(() => {
        const { changes } = remove.run(...addresses);
        removeState.run(number);
        mark.run(senderHash(number), new Date(now()).toISOString());
        return changes;
      })
      .immediate();
    // The old versions of the deleted rows' pages sit in the WAL until a checkpoint copies the new ones over them.
    db.pragma('wal_checkpoint(TRUNCATE)');
    return deleted;
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY')) {
      throw new MessageLogError(path, `is locked by another process for more than ${FORGET_BUSY_TIMEOUT_MS / 1000} s; nothing was deleted`, 'Try again when it is free (a backup, an open sqlite3 shell)');
    }
    throw error;
  } finally {
    db.close();
  }
}
