import { type Middleware } from 'koa';
import { decide, type ConversationSettings } from '../../conversation/decide';
import { type SenderState, type StateStore } from '../../conversation/state-store';
import { type Replies } from '../../corpus/replies';
import { type HandoffNotifier } from '../../handoff/notifier';
import { formOf } from '../../http/request-state';
import { type Logger } from '../../log/logger';
import { type Bot } from '../../reply/bot';
import { senderNumber } from '../../store/sender-key';
import { cleanText } from './clean-text';
import { toInboundMessage } from './inbound';
import { sendReply } from './send-reply';
import { splitMessage } from './split-message';
import { splitWithList } from './split-with-list';

/** What the webhook needs to hold conversations: per-sender state, the settings, and who to tell of a hand-off. */
export interface ConversationDependencies {
  readonly store: StateStore;
  readonly settings: ConversationSettings;
  /** Null when HANDOFF_WEBHOOK_URL is not set: the hand-off then only pauses the bot. */
  readonly notifier: HandoffNotifier | null;
  /** The reply texts of the index being served. */
  readonly replies: () => Replies;
  readonly logger: Logger;
  /** The clock in ms, for tests. Default Date.now. */
  readonly now?: () => number;
}

/** True when two states hold the same: writing an unchanged state would cost a write per message for nothing. */
function sameState(a: SenderState | undefined, b: SenderState): boolean {
  return JSON.stringify(a ?? { fallbackStreak: 0 }) === JSON.stringify(b);
}

/**
 * Koa middleware answering a Twilio messaging webhook with the bot's reply as TwiML, split into messages Twilio accepts.
 * With conversation dependencies, each message is decided with what is remembered of its sender (numbered choices, a
 * hand-off in progress); a state that cannot be read or written is logged and the message answered as if new.
 */
export function twilioWebhook(getBot: () => Bot, maxMessageChars: number, conversations?: ConversationDependencies): Middleware {
  return async (ctx) => {
    const form = formOf(ctx);
    const inbound = toInboundMessage(form);
    const { text, truncated } = cleanText(inbound.text, maxMessageChars);
    const bot = getBot();
    const reply = bot.reply({ ...inbound, text });
    const sender = senderNumber(form.From ?? '');
    if (conversations === undefined || sender === null) {
      return sendReply(ctx, { messages: splitWithList(reply.text, reply.choicesText), answerId: reply.answerId, score: reply.score, fallback: reply.fallback, text, truncated });
    }
    const { store, settings, notifier, replies, logger, now: clock = Date.now } = conversations;
    const now = clock();
    let state: SenderState | undefined;
    try {
      state = await store.get(sender, now);
    } catch (error) {
      logger.warn({ err: error }, 'could not read the conversation state; the message is answered as a new one');
    }
    const decision = decide({ state, text, now, reply, answer: (id) => bot.answer(id), replies: replies(), settings });
    if (!sameState(state, decision.state)) {
      try {
        await store.set(sender, decision.state, now);
      } catch (error) {
        logger.warn({ err: error }, 'could not save the conversation state; choices or a hand-off may be forgotten');
      }
    }
    if (decision.handoff !== undefined && decision.state.pause !== undefined) {
      const { startedAt, until } = decision.state.pause;
      notifier?.notify({ sender, profileName: form.ProfileName ?? null, reason: decision.handoff, startedAt, until });
    }
    const messages = decision.text === null ? [] : decision.choicesText === undefined ? splitMessage(decision.text) : splitWithList(decision.text, decision.choicesText);
    sendReply(ctx, { messages, answerId: decision.answerId, score: decision.score, fallback: decision.fallback, text, truncated });
  };
}
