import { type QueuedMessage } from './types';

/** A queued message and its key: its MessageSid, or a number for a message without one. */
export interface QueueEntry {
  readonly key: string | number;
  readonly message: QueuedMessage;
}

/** Messages received but not yet in the file, in arrival order, each findable by MessageSid; at most `max` of them. */
export interface WriteQueue {
  /** Queues a message; a MessageSid already queued keeps its first message. When full, the oldest is dropped and returned. */
  add(message: QueuedMessage): QueuedMessage | undefined;
  /** The queued message with this MessageSid. */
  get(messageSid: string): QueuedMessage | undefined;
  /** The oldest `count` entries, to write in one transaction. */
  oldest(count: number): QueueEntry[];
  /** Takes entries off the queue once written (or given up). */
  remove(entries: readonly QueueEntry[]): void;
  readonly size: number;
}

/** Creates an empty queue holding at most `max` messages. */
export function createWriteQueue(max: number): WriteQueue {
  // A Map iterates in insertion order: it is the queue and the MessageSid lookup at once.
  const entries = new Map<string | number, QueuedMessage>();
  let unnamed = 0;
  return {
    add(message) {
      const key = message.messageSid ?? unnamed++;
      if (entries.has(key)) return undefined;
      let dropped: QueuedMessage | undefined;
      if (entries.size >= max) {
        const [oldestKey, oldest] = entries.entries().next().value as [string | number, QueuedMessage];
        entries.delete(oldestKey);
        dropped = oldest;
      }
      entries.set(key, message);
      return dropped;
    },
    get: (messageSid) => entries.get(messageSid),
    oldest(count) {
      const batch: QueueEntry[] = [];
      for (const [key, message] of entries) {
        if (batch.length === count) break;
        batch.push({ key, message });
      }
      return batch;
    },
    remove(batch) {
      for (const { key } of batch) entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}
