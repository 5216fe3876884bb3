import { type RecentMessage } from '../store/types';

/** Why a conversation was handed to a person: the customer asked, or the bot fell back HANDOFF_AFTER_FALLBACKS times in a row. */
export type HandoffReason = 'asked' | 'fallbacks';

/** The JSON body POSTed to HANDOFF_WEBHOOK_URL; the README documents it field by field. */
export interface HandoffPayload {
  readonly event: 'handoff';
  /** The customer's number, E.164 ("+447700900123"): the team needs it to take over. */
  readonly sender: string;
  /** The customer's WhatsApp profile name (Twilio's ProfileName), or null when Twilio sent none. */
  readonly profileName: string | null;
  readonly reason: HandoffReason;
  /** ISO 8601 time the hand-off started. */
  readonly startedAt: string;
  /** ISO 8601 time the bot answers again by itself (HANDOFF_PAUSE), unless resumed earlier. */
  readonly pausedUntil: string;
  /** The last messages of the conversation with the bot's replies, oldest first, the one that started the hand-off last. */
  readonly messages: readonly RecentMessage[];
}

/** Most messages a notification carries. */
export const HANDOFF_MESSAGES = 10;
