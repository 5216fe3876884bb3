import Router from '@koa/router';
import Koa, { type Middleware } from 'koa';
import compose from 'koa-compose';
import { apologizeOnError } from '../channels/twilio/apologize-on-error';
import { rateLimit } from '../channels/twilio/rate-limit';
import { replayGuard } from '../channels/twilio/replay-guard';
import { validateFields } from '../channels/twilio/validate-fields';
import { verifyTwilioSignature } from '../channels/twilio/verify-signature';
import { twilioWebhook, type ConversationDependencies } from '../channels/twilio/webhook';
import { type RateCounter } from '../channels/rate-limiter';
import { isHandedOver } from '../conversation/handed-over';
import { type Logger } from '../log/logger';
import { type ServingIndex } from '../server/serving-index';
import { type ReplyLog } from '../store/reply-log';
import { handleErrors } from './handle-errors';
import { logRequests } from './log-requests';
import { readForm } from './read-form';

/** Everything the HTTP app is built from; it owns no process state and never listens by itself. */
export interface AppDependencies {
  /** The index to serve right now; called per request so a new index can be swapped in. */
  readonly serving: () => ServingIndex;
  readonly twilio: {
    readonly authToken: string | undefined;
    readonly publicUrl: string | undefined;
    readonly trustProxy: boolean;
    /** PUBLIC_HOSTS; empty allows any host. */
    readonly publicHosts: readonly string[];
    readonly skipSignature: boolean;
  };
  readonly limits: {
    /** Largest request body in bytes (413 above). */
    readonly maxRequestBytes: number;
    /** Longest message text matched. */
    readonly maxMessageChars: number;
    readonly rateLimiter: RateCounter;
  };
  readonly messageLog: ReplyLog;
  readonly logger: Logger;
  /** Whether the corpus has changed since the served index was built, for /health. Default: never. */
  readonly corpusStale?: () => boolean;
  /** Per-sender state (numbered choices, hand-offs); without it every message is answered alone. */
  readonly conversations?: Omit<ConversationDependencies, 'replies' | 'logger'>;
  /** More to report on /health (a replica's shared database: `state` "ok" or "degraded"); always with HTTP 200. */
  readonly health?: () => object;
}

const noMore = (): Promise<void> => Promise.resolve();

/** Builds the Koa app: GET /health and the Twilio webhook at POST /bot, each concern its own middleware, in the order they must run. */
export function createApp({ serving, twilio, limits, messageLog, logger, corpusStale = () => false, conversations, health }: AppDependencies): Koa {
  const app = new Koa();
  const router = new Router();

  router.get('/health', (ctx) => {
    const { meta, corpus } = serving();
    // Still 200 with corpus errors: the last good index answers, and the editor sees what to fix.
    ctx.body = {
      status: 'ok',
      ...health?.(),
      index: { answers: meta.answers, questions: meta.questions, builtAt: meta.builtAt, corpusHash: meta.corpusHash },
      corpus: { errors: corpus.errors, stale: corpus.errors > 0 || corpusStale() },
    };
  });

  const webhook = compose([
    ...readForm(limits.maxRequestBytes),
    verifyTwilioSignature({ ...twilio, skip: twilio.skipSignature, logger }),
    validateFields({ allowMissing: twilio.skipSignature }, logger),
    // Before the replay guard: a message log that cannot be read gets the apology too, never a bare 500.
    apologizeOnError(() => serving().replies.apology, logger),
    replayGuard(messageLog),
    rateLimit(
      limits.rateLimiter,
      () => serving().replies.rateLimited,
      conversations && ((from) => isHandedOver(conversations.store, from, (conversations.now ?? Date.now)(), logger)),
    ),
    twilioWebhook(() => serving().bot, limits.maxMessageChars, conversations && { ...conversations, replies: () => serving().replies, logger }),
  ]);
  router.post('/bot', webhook);
  // Nearly every request is a webhook: it goes straight to its middleware, without the router's matching of every route.
  // Anything else (other paths and methods, /bot spelled otherwise) is the router's, 405 and 501 included.
  // The webhook ends the request, as the router's route would: nothing runs after it.
  const webhookFirst: Middleware = (ctx, next) => (ctx.method === 'POST' && ctx.path === '/bot' ? webhook(ctx, noMore) : next());

  app.use(logRequests(logger));
  app.use(handleErrors(logger));
  app.use(webhookFirst);
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
