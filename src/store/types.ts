/** What the log returns for a MessageSid seen before: the reply that stands for it. */
export interface StoredReply {
  /** The texts sent back, one per <Message>. */
  readonly messages: readonly string[];
  readonly answerId: string | null;
  readonly score: number;
  readonly fallback: string | null;
}

/** One received message and what was answered, as the webhook hands it to the log. */
export interface LoggedMessage extends StoredReply {
  /** Twilio's MessageSid; null when the request carried none (then it cannot be deduplicated). */
  readonly messageSid: string | null;
  /** The sender address in full (`whatsapp:+...`): `faqbot forget` finds a person's messages by it. */
  readonly sender: string;
  /** The text as it was matched (cut at MAX_MESSAGE_CHARS); null when the message was not answered from its text. */
  readonly body: string | null;
}

/** A message waiting in memory to be written, stamped when it was received. */
export interface QueuedMessage extends LoggedMessage {
  /** ISO 8601 time of arrival; `faqbot forget` compares it with the time of the erasure. */
  readonly receivedAt: string;
}

/** One message of a conversation with the bot's reply, as a hand-off notification shows it. */
export interface RecentMessage {
  /** ISO 8601 time of arrival. */
  readonly receivedAt: string;
  /** The text, or null when it was not kept (rate limited, failed). */
  readonly body: string | null;
  /** The texts sent back, one per message; empty when the bot stayed silent. */
  readonly reply: readonly string[];
}
