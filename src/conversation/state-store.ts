/** What the bot remembers of one sender between messages. Times are ms since the epoch. */
export interface SenderState {
  /** Numbered choices offered in the last reply: answer ids in the order shown, until expiresAt (CHOICE_TTL). */
  readonly choices?: { readonly answerIds: readonly string[]; readonly expiresAt: number };
  /** Fallback replies in a row; the hand-off starts at HANDOFF_AFTER_FALLBACKS. */
  readonly fallbackStreak: number;
  /** A hand-off in progress: the bot stays silent for this sender until `until`. */
  readonly pause?: { readonly startedAt: number; readonly until: number; readonly reason: 'asked' | 'fallbacks' };
}

/** One paused conversation, as `faqbot handoffs` lists it. */
export interface PausedSender {
  readonly sender: string; // the number as senderNumber() in src/store/sender-key.ts gives it: "+447700900123"
  readonly startedAt: number;
  readonly until: number;
  readonly reason: 'asked' | 'fallbacks';
}

/** Where per-sender state lives: the SQLite message-log file by default, PostgreSQL with DATABASE_URL. */
export interface StateStore {
  /** The sender's state at `now`, with expired parts dropped; undefined when nothing is remembered. */
  get(sender: string, now: number): Promise<SenderState | undefined>;
  /** Replaces the sender's state; a state with nothing left in it (no choices, streak 0, no pause) deletes it. */
  set(sender: string, state: SenderState, now: number): Promise<void>;
  /** Deletes everything kept of the sender (faqbot forget, faqbot resume clears the pause with set); resolves to rows deleted. */
  delete(sender: string): Promise<number>;
  /** Senders paused at `now`, soonest-ending first. */
  listPaused(now: number): Promise<readonly PausedSender[]>;
  /** Releases connections/handles. */
  close(): Promise<void>;
}
