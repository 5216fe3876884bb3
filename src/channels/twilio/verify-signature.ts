import { type Middleware } from 'koa';
import type {} from 'koa-bodyparser';
import { validateRequest } from 'twilio/lib/webhooks/webhooks';
import { type Logger } from '../../log/logger';
import { signedUrl } from './webhook-url';

/** How the webhook checks that a request really comes from Twilio. */
export interface SignatureOptions {
  /** The account's auth token; when missing, every request is refused unless `skip` is set. */
  readonly authToken: string | undefined;
  /** Public base address Twilio calls (PUBLIC_URL). */
  readonly publicUrl: string | undefined;
  /** Accept unsigned requests: local development only. */
  readonly skip: boolean;
  readonly logger: Logger;
}

/** Koa middleware that answers 403 unless X-Twilio-Signature matches the form body; runs before anything else sees the request. */
export function verifyTwilioSignature({ authToken, publicUrl, skip, logger }: SignatureOptions): Middleware {
  if (skip) {
    logger.warn('SKIP_TWILIO_SIGNATURE is on: /bot accepts requests from anyone. Use this for local development only.');
    return (_ctx, next) => next();
  }
  return async (ctx, next) => {
    const url = signedUrl(ctx.href, publicUrl);
    const signature = ctx.get('X-Twilio-Signature');
    const params = formParams(ctx.request.body);
    if (authToken === undefined) {
      logger.warn({ url }, 'Refused a webhook request: TWILIO_AUTH_TOKEN is not set. Set it, or SKIP_TWILIO_SIGNATURE=true for local development.');
      ctx.throw(403, 'Twilio signature cannot be checked: the server has no auth token');
    } else if (signature === '' || !validateRequest(authToken, signature, url, params)) {
      logger.warn(
        { url, signed: signature !== '' },
        `Refused a webhook request: ${signature === '' ? 'no X-Twilio-Signature header' : 'the signature does not match'} for URL ${url}. ` +
          'The URL checked must be exactly the webhook URL configured at Twilio: set PUBLIC_URL to the public address (e.g. the ngrok https address) and check TWILIO_AUTH_TOKEN.',
      );
      ctx.throw(403, 'Invalid Twilio signature');
    }
    await next();
  };
}

/** The parsed form body as the string map the signature covers. */
export function formParams(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null) return {};
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) {
    params[key] = Array.isArray(value) ? String(value[0] ?? '') : String(value);
  }
  return params;
}
