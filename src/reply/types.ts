import { type Candidate } from '../match/matcher';
import { type Choice } from './choice-list';
import { SMALL_TALK_RULES } from './small-talk';

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

/** The names of the rules that can answer instead of the corpus. */
export const RULE_NAMES = [...SMALL_TALK_RULES, 'empty', 'media', 'didYouMean', 'choices', 'fallback', 'location'] as const;

/** The name of a rule that answered instead of the corpus. */
export type RuleName = (typeof RULE_NAMES)[number];

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
  /** Options the reply offers by number (choices, or an answer's follow-ups), in the order shown; absent when none. */
  readonly choices?: readonly Choice[];
  /** The numbered follow-up list to send after `text`, kept apart so a long answer is split before it; absent when none. */
  readonly choicesText?: string;
}
