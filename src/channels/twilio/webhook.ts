import { type Middleware } from 'koa';
import { formOf } from '../../http/request-state';
import { type Bot } from '../../reply/bot';
import { cleanText } from './clean-text';
import { toInboundMessage } from './inbound';
import { sendReply } from './send-reply';
import { splitMessage } from './split-message';

/** Koa middleware answering a Twilio messaging webhook with the bot's reply as TwiML, split into messages Twilio accepts. */
export function twilioWebhook(getBot: () => Bot, maxMessageChars: number): Middleware {
  return (ctx) => {
    const inbound = toInboundMessage(formOf(ctx));
    const { text, truncated } = cleanText(inbound.text, maxMessageChars);
    const reply = getBot().reply({ ...inbound, text });
    sendReply(ctx, { messages: splitMessage(reply.text), answerId: reply.answerId, score: reply.score, fallback: reply.fallback, text, truncated });
  };
}
