import { type LoggedMessage, type RecentMessage, type StoredReply } from './types';

/**
 * What the webhook needs of a message log, whichever keeps it: the SQLite file of one process (MessageLog) or the
 * PostgreSQL table several replicas share (SharedMessageLog).
 */
export interface ReplyLog {
  /**
   * The reply already given for a MessageSid, or null when this process is to answer it. A shared log claims the
   * MessageSid for this process when it returns null, and waits for another replica's reply when one is answering it.
   */
  find(messageSid: string): StoredReply | null | Promise<StoredReply | null>;
  /** Queues a message that arrived at `receivedAt` (ms, default now) and its reply; written off the request path. */
  record(message: LoggedMessage, receivedAt?: number): void;
  /** Gives up a claim made by `find` when no reply came of it (the request failed), so another delivery may answer. */
  release?(messageSid: string): void;
  /** Writes what is queued now, as far as the store lets it; returns (or resolves to) how many messages are still waiting. */
  flush(): number | Promise<number>;
  /** The latest `limit` messages of one sender (E.164 number) with the bot's replies, oldest first, for a hand-off notification. */
  recentMessages(sender: string, limit: number): Promise<readonly RecentMessage[]>;
  /** Messages received and not yet written. */
  readonly queued: number;
  /** Writes what is queued (for at most `timeoutMs`), logs what could not be written, and closes. */
  close(timeoutMs?: number): Promise<{ unwritten: number }>;
}
