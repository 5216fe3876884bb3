import { type Replies } from '../corpus/replies';
import { pickedNumber } from '../reply/choice-list';
import { fillTemplate } from '../reply/templates';
import { type BotReply } from '../reply/types';
import { type SenderState } from './state-store';

/** The conversation settings: CHOICE_TTL, HANDOFF_AFTER_FALLBACKS, HANDOFF_PAUSE and RESUME_WORD. */
export interface ConversationSettings {
  /** How long numbered choices can be picked by number. Default 15 minutes. */
  readonly choiceTtlMs: number;
  /** Fallbacks in a row that start a hand-off; 0 never starts one this way. Default 3. */
  readonly handoffAfterFallbacks: number;
  /** How long the bot stays silent for a sender after a hand-off. Default 12 hours. */
  readonly handoffPauseMs: number;
  /** The word a customer sends to bring the bot back during a hand-off. Default `bot`. */
  readonly resumeWord: string;
}

/** The defaults of every conversation setting. */
export const DEFAULT_CONVERSATION_SETTINGS: ConversationSettings = {
  choiceTtlMs: 15 * 60_000,
  handoffAfterFallbacks: 3,
  handoffPauseMs: 12 * 3_600_000,
  resumeWord: 'bot',
};

/** The reply texts a decision may use besides the bot's own reply. */
export type ConversationReplies = Pick<Replies, 'human' | 'handoffFallbacks' | 'handoffResume' | 'resumed'>;

/** One incoming message and everything needed to decide what to do with it. */
export interface Turn {
  /** What was remembered of the sender, undefined when nothing. */
  readonly state: SenderState | undefined;
  /** The message text as matched. */
  readonly text: string;
  readonly now: number;
  /** The bot's reply to the text taken as a new message. */
  readonly reply: BotReply;
  /** The bot's reply giving one answer by corpus id (a choice picked), null when the id is not in the index. */
  readonly answer: (id: string) => BotReply | null;
  readonly replies: ConversationReplies;
  readonly settings: ConversationSettings;
}

/** What to send and remember. */
export interface Decision {
  /** The text to send, or null to stay silent (a hand-off in progress). */
  readonly text: string | null;
  /** A numbered list to send after `text` (follow-ups), kept apart so a long answer is split before it. */
  readonly choicesText?: string;
  readonly answerId: string | null;
  readonly score: number;
  /** Why no corpus answer was given, as the message log records it: a bot rule, `handoff`, `paused` or `resumed`; null for an answer. */
  readonly fallback: string | null;
  /** The sender's state from now on. */
  readonly state: SenderState;
  /** Set when this message starts a hand-off: the team is to be told. */
  readonly handoff?: 'asked' | 'fallbacks';
}

/** The resume word as compared: case, spaces, punctuation and emoji do not count ("Bot!" is "bot"). */
function wordKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The hand-off reply and the state that silences the bot until the pause ends. */
function startHandoff(turn: Turn, reason: 'asked' | 'fallbacks'): Decision {
  const { replies, settings, now, reply } = turn;
  const intro = reason === 'asked' ? replies.human : replies.handoffFallbacks;
  return {
    text: `${intro}\n\n${fillTemplate(replies.handoffResume, { word: settings.resumeWord })}`,
    answerId: null,
    score: reply.score,
    fallback: reason === 'asked' ? 'human' : 'handoff',
    state: { fallbackStreak: 0, pause: { startedAt: now, until: now + settings.handoffPauseMs, reason } },
    handoff: reason,
  };
}

/** Sends a bot reply and remembers the choices it offers (if any) and the fallback streak. */
function answerWith(turn: Turn, reply: BotReply, streak: number): Decision {
  const choices = reply.choices === undefined || reply.choices.length === 0 ? undefined : { answerIds: reply.choices.map((c) => c.id), expiresAt: turn.now + turn.settings.choiceTtlMs };
  return {
    text: reply.text,
    ...(reply.choicesText === undefined ? {} : { choicesText: reply.choicesText }),
    answerId: reply.answerId,
    score: reply.score,
    fallback: reply.fallback,
    state: { fallbackStreak: streak, ...(choices === undefined ? {} : { choices }) },
  };
}

/**
 * Decides the reply to one message of a conversation, and what to remember of it. In order: during a hand-off the bot
 * is silent unless the message is the resume word; a number picks one of the choices offered (while they last); a
 * request for a person, or the HANDOFF_AFTER_FALLBACKS-th fallback in a row, starts a hand-off; anything else gets the
 * bot's reply to the message, and the choices it offers are remembered.
 */
export function decide(turn: Turn): Decision {
  const { state, text, now, reply, settings } = turn;
  const streak = state?.fallbackStreak ?? 0;
  const pause = state?.pause !== undefined && state.pause.until > now ? state.pause : undefined;
  if (pause !== undefined) {
    if (wordKey(text) !== '' && wordKey(text) === wordKey(settings.resumeWord)) {
      return { text: turn.replies.resumed, answerId: null, score: 0, fallback: 'resumed', state: { fallbackStreak: 0 } };
    }
    // Silent, and nothing else changes: the person who took over is not talked over.
    return { text: null, answerId: null, score: reply.score, fallback: 'paused', state: { fallbackStreak: streak, pause } };
  }

  const choices = state?.choices !== undefined && state.choices.expiresAt > now ? state.choices : undefined;
  const number = choices === undefined ? null : pickedNumber(text);
  const pickedId = number === null || number < 1 ? undefined : choices?.answerIds[number - 1];
  const picked = pickedId === undefined ? null : turn.answer(pickedId);
  if (picked !== null) return answerWith(turn, picked, 0);

  if (reply.fallback === 'human') return startHandoff(turn, 'asked');
  if (reply.fallback === 'fallback') {
    const next = streak + 1;
    if (settings.handoffAfterFallbacks > 0 && next >= settings.handoffAfterFallbacks) return startHandoff(turn, 'fallbacks');
    return answerWith(turn, reply, next);
  }
  return answerWith(turn, reply, 0);
}
