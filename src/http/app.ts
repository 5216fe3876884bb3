import Router from '@koa/router';
import Koa from 'koa';
import bodyParser from 'koa-bodyparser';
import { twilioWebhook } from '../channels/twilio/webhook';
import { verifyTwilioSignature } from '../channels/twilio/verify-signature';
import { type Logger } from '../log/logger';
import { type ServingIndex } from '../server/serving-index';
import { handleErrors } from './handle-errors';

/** Everything the HTTP app is built from; it owns no process state and never listens by itself. */
export interface AppDependencies {
  /** The index to serve right now; called per request so a new index can be swapped in. */
  readonly serving: () => ServingIndex;
  readonly twilio: {
    readonly authToken: string | undefined;
    readonly publicUrl: string | undefined;
    readonly skipSignature: boolean;
  };
  readonly logger: Logger;
}

/** Largest form body accepted; a WhatsApp message is at most a few KB even with every field Twilio sends. */
const FORM_LIMIT = '64kb';

/** Builds the Koa app: GET /health and the Twilio webhook at POST /bot. */
export function createApp({ serving, twilio, logger }: AppDependencies): Koa {
  const app = new Koa();
  const router = new Router();

  router.get('/health', (ctx) => {
    const { meta } = serving();
    ctx.body = { status: 'ok', index: { answers: meta.answers, questions: meta.questions, builtAt: meta.builtAt, corpusHash: meta.corpusHash } };
  });

  router.post(
    '/bot',
    bodyParser({ enableTypes: ['form'], formLimit: FORM_LIMIT }),
    verifyTwilioSignature({ authToken: twilio.authToken, publicUrl: twilio.publicUrl, skip: twilio.skipSignature, logger }),
    twilioWebhook(
      () => serving().bot,
      (reply) => logger.info({ answerId: reply.answerId, score: Number(reply.score.toFixed(3)), fallback: reply.fallback }, 'reply'),
    ),
  );

  app.use(handleErrors(logger));
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
