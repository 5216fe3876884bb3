import { type Candidate } from '../match/matcher';

/** A message as any channel hands it to the bot, free of the provider's fields. */
export interface InboundMessage {
  /** What the user typed; empty for media without a caption. */
  readonly text: string;
  /** How many attachments (photos, voice notes, documents) came with it. */
  readonly mediaCount: number;
}

/** The name of a rule that answered instead of the corpus. */
export type RuleName = 'greeting' | 'thanks' | 'goodbye' | 'help' | 'human' | 'empty' | 'media' | 'didYouMean' | 'fallback';

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
