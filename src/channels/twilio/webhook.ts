import { type Middleware } from 'koa';
import type {} from 'koa-bodyparser';
import { type Bot } from '../../reply/bot';
import { type BotReply } from '../../reply/types';
import { toInboundMessage } from './inbound';
import { renderTwiml } from './twiml';
import { formParams } from './verify-signature';

/** Called after each reply, for logging; the webhook itself knows nothing of what is done with it. */
export type ReplyListener = (reply: BotReply, params: Readonly<Record<string, string>>) => void;

/** Koa middleware answering a Twilio messaging webhook with the bot's reply as TwiML. */
export function twilioWebhook(getBot: () => Bot, onReply?: ReplyListener): Middleware {
  return (ctx) => {
    const params = formParams(ctx.request.body);
    const reply = getBot().reply(toInboundMessage(params));
    onReply?.(reply, params);
    ctx.type = 'text/xml';
    ctx.body = renderTwiml([reply.text]);
  };
}
