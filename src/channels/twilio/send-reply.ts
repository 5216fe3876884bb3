import { type Context } from 'koa';
import { requestState, type ReplyOutcome } from '../../http/request-state';
import { renderTwiml } from './twiml';

/** Answers the request with the outcome's messages as TwiML and keeps the outcome for the message log and the request log. */
export function sendReply(ctx: Context, outcome: ReplyOutcome): void {
  requestState(ctx).outcome = outcome;
  ctx.status = 200;
  ctx.type = 'text/xml';
  ctx.body = renderTwiml(outcome.messages);
}
