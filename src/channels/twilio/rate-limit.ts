import { type Middleware } from 'koa';
import { formOf } from '../../http/request-state';
import { type RateCounter } from '../rate-limiter';
import { sendReply } from './send-reply';

/** Koa middleware applying the per-sender limit: the first message over it gets `notice()`, later ones an empty reply, until the window passes. */
export function rateLimit(limiter: RateCounter, notice: () => string): Middleware {
  return async (ctx, next) => {
    const checked = limiter.check(formOf(ctx).From ?? '');
    // The in-memory limiter decides at once: no turn of the event loop's queue for it (a shared one answers a promise).
    const decision = typeof checked === 'string' ? checked : await checked;
    if (decision === 'allow') return next();
    if (decision === 'notify') return sendReply(ctx, { messages: [notice()], answerId: null, score: 0, fallback: 'rateLimited' });
    // An empty <Response/> sends nothing: a flood gets no echo.
    return sendReply(ctx, { messages: [], answerId: null, score: 0, fallback: 'silenced' });
  };
}
