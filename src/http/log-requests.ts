import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { type Middleware } from 'koa';
import { clipForLog } from '../log/clip';
import { flatLineWriter, type Logger } from '../log/logger';
import { maskSender } from '../log/mask-sender';
import { requestState } from './request-state';

/** A request id from upstream (a proxy's X-Request-Id) is kept only if it is short and plain, so it cannot forge log content. */
export function pickRequestId(upstream: string): string {
  return /^[\w.-]{1,64}$/.test(upstream) ? upstream : randomUUID();
}

/** Longest MessageSid or sender logged: a real one is at most 34 characters, and a refused request's line stays short. */
const MAX_ID_CHARS = 40;

/**
 * Koa middleware giving each request an id (echoed in X-Request-Id) and writing one JSON log line when it ends.
 * Fields the client chose are clipped, since the line is written whether or not the request was signed.
 */
export function logRequests(logger: Logger): Middleware {
  const write = flatLineWriter(logger);
  return async (ctx, next) => {
    const started = performance.now();
    const state = requestState(ctx);
    state.requestId = pickRequestId(ctx.get('X-Request-Id'));
    ctx.set('X-Request-Id', state.requestId);
    try {
      await next();
    } finally {
      const { form, outcome } = state;
      // Built field by field, in the order the line is written: one object shape per kind of request.
      const line: Record<string, string | number | boolean | null> = {
        reqId: state.requestId,
        method: ctx.method,
        path: clipForLog(ctx.path),
        status: ctx.status,
        latencyMs: Number((performance.now() - started).toFixed(2)),
      };
      if (form !== undefined) {
        line.sender = clipForLog(maskSender(form.From ?? ''), MAX_ID_CHARS);
        line.messageSid = form.MessageSid === undefined ? null : clipForLog(form.MessageSid, MAX_ID_CHARS);
      }
      if (outcome !== undefined) {
        line.answerId = outcome.answerId;
        line.score = Number(outcome.score.toFixed(3));
        line.fallback = outcome.fallback;
        line.messages = outcome.messages.length;
        line.replayed = outcome.replayed === true;
        line.truncated = outcome.truncated === true;
      }
      // Health checks arrive every few seconds from a load balancer; they would drown the message lines.
      write(ctx.path === '/health' && ctx.status === 200 ? 'debug' : 'info', line, 'request');
    }
  };
}
