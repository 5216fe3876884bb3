import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unsupportedCharacter } from './characters';
import { CorpusError } from './corpus-error';

/** The texts of the bot's fallback rules, which editors may override in `replies.json` beside the CSV files. */
export interface Replies {
  /** Answer to "hi", "hello", "good morning". */
  readonly greeting: string;
  /** Answer to "thanks", "thank you". */
  readonly thanks: string;
  /** Answer to "bye", "see you". */
  readonly goodbye: string;
  /** Answer to "ok", "cool", "👍": a message that only acknowledges. */
  readonly acknowledgement: string;
  /** Answer to "help" or "menu"; `{topics}` is replaced by the corpus categories. */
  readonly help: string;
  /** Answer to a request for a person ("agent", "can i talk to the manager"). */
  readonly human: string;
  /** Answer to "are you a bot", "am i talking to a human": says honestly that it is an automated assistant. */
  readonly bot: string;
  /** Answer to an empty message. */
  readonly empty: string;
  /** Answer to a photo, voice note or other media without text. */
  readonly media: string;
  /** Offer of the closest questions, numbered, when a match is near but unsure; `{choices}` is replaced by the numbered list, `{question}` by the closest. */
  readonly didYouMean: string;
  /** Question when several answers are about equally likely; `{choices}` is replaced by the numbered list of their questions. */
  readonly choices: string;
  /** Added after an answer that has follow-up questions (corpus column `followups`); `{choices}` is replaced by the numbered list. */
  readonly followups: string;
  /** Hand-off text after several fallbacks in a row (HANDOFF_AFTER_FALLBACKS); the `human` text is used when the customer asks. */
  readonly handoffFallbacks: string;
  /** Added after a hand-off text: how to bring the bot back; `{word}` is replaced by RESUME_WORD. */
  readonly handoffResume: string;
  /** Answer to the resume word during a hand-off: the bot answers again. */
  readonly resumed: string;
  /** Answer when nothing matches; `{suggestions}` is replaced by a list of the closest questions. */
  readonly fallback: string;
  /** Answer when nothing matches and there is nothing close to suggest. */
  readonly fallbackNoSuggestions: string;
  /** Answer to a shared location. */
  readonly location: string;
  /** The one notice a sender gets on going over the rate limit; after it the bot stays silent until the window passes. */
  readonly rateLimited: string;
  /** Apology when answering failed unexpectedly; Twilio shows the user nothing on a server error, so this is sent instead. */
  readonly apology: string;
}

/** The name of a reply text, which is also the name of the rule that uses it. */
export type ReplyName = keyof Replies;

/** The texts used when the corpus has no `replies.json`, or leaves a text out. */
export const DEFAULT_REPLIES: Replies = {
  greeting: 'Hello! 👋 Ask me anything about us, for example our opening hours. Type *help* to see what I can answer.',
  thanks: "You're welcome! Anything else I can help with?",
  goodbye: 'Goodbye, and thanks for getting in touch!',
  acknowledgement: '👍 Anything else I can help with? Just ask, or type *help* to see what I can answer.',
  help: 'I can answer questions about: {topics}.\nJust ask in your own words, or type *human* to talk to a person.',
  human: "I'll pass your conversation to a member of our team; they will reply here as soon as they can.",
  bot: "I'm an automated assistant: I answer common questions from our FAQ, and I can make mistakes. Type *human* at any time to talk to a person from our team.",
  empty: 'Sorry, I did not catch that. Please type your question.',
  media: 'Thanks for the attachment! I can only read text, so please type your question.',
  didYouMean: 'Did you mean:\n{choices}\nReply with the number, or ask in other words.',
  choices: 'Which one do you mean?\n{choices}\nReply with a number.',
  followups: 'You might also want to know:\n{choices}\nReply with a number.',
  handoffFallbacks: "Sorry I could not help. I'll pass your conversation to a member of our team; they will reply here as soon as they can.",
  handoffResume: 'Until then I will stay quiet. Send *{word}* to talk to me again.',
  resumed: "I'm back! Ask me anything, or type *help* to see what I can answer.",
  fallback: "Sorry, I don't know that one yet. Closest questions I can answer:\n{suggestions}\nOr type *human* to talk to a person.",
  fallbackNoSuggestions: "Sorry, I don't know that one yet. Type *help* to see what I can answer, or *human* to talk to a person.",
  location: 'Thanks for sharing your location! I can only answer typed questions, so please type what you would like to know.',
  rateLimited: "You're sending messages faster than I can answer. Please wait a minute, then send your question again.",
  apology: 'Sorry, something went wrong on our side. Please try again in a moment.',
};

/** File name of the reply texts inside a corpus folder. */
export const REPLIES_FILE = 'replies.json';

/** Reads `replies.json` from a corpus folder over the defaults; throws CorpusError on a bad file. */
export function loadReplies(dir: string): Replies {
  const file = join(dir, REPLIES_FILE);
  if (!existsSync(file)) return DEFAULT_REPLIES;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CorpusError([{ file, message: `not valid JSON (${error instanceof Error ? error.message : String(error)})` }]);
  }
  return mergeReplies(parsed, file);
}

/** Checks a parsed replies object and fills what it leaves out from the defaults. */
export function mergeReplies(parsed: unknown, file: string): Replies {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CorpusError([{ file, message: 'must be a JSON object of reply names and texts' }]);
  }
  const problems = Object.entries(parsed).flatMap(([name, text]) => {
    if (!Object.prototype.hasOwnProperty.call(DEFAULT_REPLIES, name)) {
      return [{ file, message: `unknown reply "${name}"; known replies are ${Object.keys(DEFAULT_REPLIES).join(', ')}` }];
    }
    if (typeof text !== 'string' || text.trim() === '') return [{ file, message: `reply "${name}" must be a non-empty text` }];
    const character = unsupportedCharacter(text);
    if (character !== null) return [{ file, message: `reply "${name}" holds the control character ${character}, which a WhatsApp reply cannot carry; delete it` }];
    return [];
  });
  if (problems.length > 0) throw new CorpusError(problems);
  return { ...DEFAULT_REPLIES, ...(parsed as Partial<Replies>) };
}
