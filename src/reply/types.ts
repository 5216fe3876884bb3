import { type Candidate } from '../match/matcher';

/** What kind of message a user sent: typed text (possibly a caption), a shared location or a tapped button. */
export type MessageKind = 'text' | 'location' | 'button';

/** A message as any channel hands it to the bot, free of the provider's fields. */
export interface InboundMessage {
  /** What the user typed; empty for media without a caption. For a button, the button's text. */
  readonly text: string;
  /** How many attachments (photos, voice notes, documents) came with it. */
  readonly mediaCount: number;
  /** Default 'text'; a location is answered by its own rule whatever text comes with it. */
  readonly kind?: MessageKind;
}

/** The name of a rule that answered instead of the corpus. */
export type RuleName = 'greeting' | 'thanks' | 'goodbye' | 'help' | 'human' | 'empty' | 'media' | 'didYouMean' | 'fallback' | 'location';

/** What the bot says back, and why. */
export interface BotReply {
  readonly text: string;
  /** Corpus id of the answer given, or null when a rule answered. */
  readonly answerId: string | null;
  /** Score of the best candidate, 0 when there was none. */
  readonly score: number;
  /** The rule that answered, or null when the corpus did. */
  readonly fallback: RuleName | null;
  /** The ranked candidates behind the decision, best first. */
  readonly candidates: readonly Candidate[];
}
