import { type Context, type Middleware } from 'koa';
import { requestState, type FormParams } from './request-state';

/** Parses an urlencoded body; a repeated name keeps its first value, as signature and bot must read the same one. */
export function parseForm(body: string): FormParams {
  const params: Record<string, string> = {};
  // URLSearchParams never throws: bad percent escapes stay literal and invalid UTF-8 becomes U+FFFD.
  for (const [name, value] of new URLSearchParams(body)) {
    if (!Object.prototype.hasOwnProperty.call(params, name)) params[name] = value;
  }
  return params;
}

/** Reads a request body up to `limit` bytes, rejecting with a 413 as soon as it is known to be larger. */
async function readBody(ctx: Context, limit: number): Promise<Buffer> {
  const tooLarge = (): never => {
    // The rest of the body is not read, so the connection cannot be reused.
    ctx.set('Connection', 'close');
    return ctx.throw(413, `Request body is larger than ${limit} bytes`);
  };
  if (Number(ctx.get('Content-Length') || '0') > limit) tooLarge();
  const request = ctx.req;
  const chunks: Buffer[] = [];
  let size = 0;
  const outcome = await new Promise<'done' | 'tooLarge'>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      cleanup();
      // Paused, not destroyed: destroying the request would close the socket before the 413 is written.
      request.pause();
      resolve('tooLarge');
    };
    const onEnd = (): void => {
      cleanup();
      resolve('done');
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(Object.assign(error, { status: 400, expose: false }));
    };
    const cleanup = (): void => {
      request.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onAborted);
    };
    const onAborted = (): void => onError(new Error('request aborted'));
    request.on('data', onData).on('end', onEnd).on('error', onError).on('aborted', onAborted);
  });
  if (outcome === 'tooLarge') tooLarge();
  return Buffer.concat(chunks, size);
}

/** Koa middleware that reads an `application/x-www-form-urlencoded` body of at most `limit` bytes into the request state; 415 for other types. */
export function readForm(limit: number): Middleware {
  return async (ctx, next) => {
    const type = ctx.request.type;
    if (type !== 'application/x-www-form-urlencoded' && type !== '') {
      ctx.throw(415, `Expected an application/x-www-form-urlencoded body, as Twilio sends, not ${type}`);
    }
    const charset = ctx.request.charset;
    if (charset !== '' && charset.toLowerCase() !== 'utf-8' && charset.toLowerCase() !== 'utf8') {
      ctx.throw(415, `Expected a UTF-8 body, not ${charset}`);
    }
    // Invalid UTF-8 bytes decode to U+FFFD instead of failing: a garbled message still deserves a reply.
    requestState(ctx).form = parseForm((await readBody(ctx, limit)).toString('utf8'));
    await next();
  };
}
