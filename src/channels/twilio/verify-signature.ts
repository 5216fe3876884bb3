import { type Middleware } from 'koa';
import { validateRequest } from 'twilio/lib/webhooks/webhooks';
import { formOf, requestState } from '../../http/request-state';
import { clipForLog } from '../../log/clip';
import { type Logger } from '../../log/logger';
import { webhookUrl } from './webhook-url';

/** How the webhook checks that a request really comes from Twilio. */
export interface SignatureOptions {
  /** The account's auth token; when missing, every request is refused unless `skip` is set. */
  readonly authToken: string | undefined;
  /** Public base address Twilio calls (PUBLIC_URL). */
  readonly publicUrl: string | undefined;
  /** Rebuild the URL from X-Forwarded-Proto/Host (TRUST_PROXY). */
  readonly trustProxy: boolean;
  /** PUBLIC_HOSTS: the hosts a URL may be rebuilt with when PUBLIC_URL is unset; empty allows any. */
  readonly publicHosts: readonly string[];
  /** Accept unsigned requests: local development only. */
  readonly skip: boolean;
  readonly logger: Logger;
}

/** Said once per process, on the first refused signature: the advice is long, and refused requests may come by the thousand. */
const URL_ADVICE =
  'The URL checked must be exactly the webhook URL configured at Twilio: set PUBLIC_URL to the public address (e.g. the ngrok https address), ' +
  'or TRUST_PROXY=true with PUBLIC_HOSTS behind a proxy that sets X-Forwarded-Proto and X-Forwarded-Host, and check TWILIO_AUTH_TOKEN.';

/**
 * Koa middleware that answers 403 unless X-Twilio-Signature matches the form body; runs before anything else sees the request.
 * Its log lines are short and hold only clipped fields: nothing vouches yet for what the client sent.
 */
export function verifyTwilioSignature({ authToken, publicUrl, trustProxy, publicHosts, skip, logger }: SignatureOptions): Middleware {
  if (skip) {
    logger.warn('SKIP_TWILIO_SIGNATURE is on: /bot accepts requests from anyone. Use this for local development only.');
    return (_ctx, next) => next();
  }
  let advised = false;
  // Not async: a check that passes hands on to the next middleware without a promise of its own.
  return (ctx, next) => {
    const reqId = requestState(ctx).requestId;
    // ctx.href is built from the raw Host header; the proxy headers are applied explicitly, and only when trusted.
    const url = webhookUrl({ requestUrl: ctx.href, publicUrl, trustProxy, forwardedProto: ctx.get('X-Forwarded-Proto'), forwardedHost: ctx.get('X-Forwarded-Host'), allowedHosts: publicHosts });
    const signature = ctx.get('X-Twilio-Signature');
    if (authToken === undefined) {
      logger.warn({ reqId }, 'Refused a webhook request: TWILIO_AUTH_TOKEN is not set. Set it, or SKIP_TWILIO_SIGNATURE=true for local development.');
      ctx.throw(403, 'Twilio signature cannot be checked: the server has no auth token');
    } else if (url === null) {
      logger.warn(
        { reqId, host: clipForLog(ctx.get('Host')), forwardedHost: clipForLog(ctx.get('X-Forwarded-Host')) },
        publicHosts.length > 0 ? 'Refused a webhook request: its host is not in PUBLIC_HOSTS.' : 'Refused a webhook request: its Host (or X-Forwarded-Host) is not a valid address.',
      );
      ctx.throw(403, 'Invalid Twilio signature');
    } else if (signature === '' || !validateRequest(authToken, signature, url, formOf(ctx))) {
      logger.warn({ reqId, url: clipForLog(url) }, `Refused a webhook request: ${signature === '' ? 'no X-Twilio-Signature header' : 'the signature does not match'} for the URL shown.`);
      if (!advised) logger.warn(URL_ADVICE);
      advised = true;
      ctx.throw(403, 'Invalid Twilio signature');
    }
    return next();
  };
}
