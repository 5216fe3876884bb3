import { type Middleware } from 'koa';
import { formOf } from '../../http/request-state';
import { type RateCounter } from '../rate-limiter';
import { sendReply } from './send-reply';

/**
 * Whether the bot has handed this sender to a person (`From` as Twilio sends it); while it has, the bot says nothing,
 * not even the rate-limit notice, as it would talk over the person who took over.
 */
export type HandedOver = (from: string) => boolean | Promise<boolean>;

/**
 * Koa middleware applying the per-sender limit: the first message over it gets `notice()`, later ones an empty reply,
 * until the window passes. A sender handed over to a person (`handedOver`) gets an empty reply instead of the notice.
 */
export function rateLimit(limiter: RateCounter, notice: () => string, handedOver: HandedOver = () => false): Middleware {
  return async (ctx, next) => {
    const from = formOf(ctx).From ?? '';
    const checked = limiter.check(from);
    // The in-memory limiter decides at once: no turn of the event loop's queue for it (a shared one answers a promise).
    const decision = typeof checked === 'string' ? checked : await checked;
    if (decision === 'allow') return next();
    // Asked only of the rare sender over the limit, so no message under it pays for reading the state.
    if (decision === 'notify' && !(await handedOver(from))) {
      return sendReply(ctx, { messages: [notice()], answerId: null, score: 0, fallback: 'rateLimited' });
    }
    // An empty <Response/> sends nothing: a flood gets no echo.
    return sendReply(ctx, { messages: [], answerId: null, score: 0, fallback: 'silenced' });
  };
}
