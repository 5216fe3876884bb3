import { type Middleware } from 'koa';
import { requestState } from '../../http/request-state';
import { type Logger } from '../../log/logger';
import { sendReply } from './send-reply';

/** Koa middleware turning an unexpected error while answering into a 200 TwiML apology: on a 5xx Twilio shows the user nothing at all. */
export function apologizeOnError(apology: () => string, logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      logger.error({ reqId: requestState(ctx).requestId, err: error }, 'answering a message failed; sent the apology reply instead');
      sendReply(ctx, { messages: [apology()], answerId: null, score: 0, fallback: 'error' });
    }
  };
}
