import { type IncomingMessage } from 'node:http';
import bodyParser from 'koa-bodyparser';
import { type Middleware } from 'koa';
import { parse as parseQueryString } from 'qs';
import getRawBody from 'raw-body';
import { requestState, type FormParams } from './request-state';

/** Flattens a parsed form to one text per name: the first of a repeated name, nothing for nested names (`a[b]`). */
function formFields(parsed: unknown): FormParams {
  const fields: Record<string, string> = {};
  if (typeof parsed !== 'object' || parsed === null) return fields;
  for (const [name, value] of Object.entries(parsed)) {
    // Signature check and bot must read the same single value, so repeats keep the first, as Twilio never repeats a field.
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') fields[name] = first;
  }
  return fields;
}

/**
 * Decodes one form name or value as browsers do (WHATWG): `+` is a space, a stray `%` stays literal and bytes that
 * are not UTF-8 become U+FFFD. qs's own decoder gives up on the whole value at the first bad escape.
 */
export function decodeFormComponent(text: string): string {
  // Nearly every name and value Twilio sends decodes cleanly, and then decodeURIComponent gives what the WHATWG parser
  // gives at a fraction of the cost (this runs for every name and value); it throws on exactly what the lenient parser
  // must repair, a stray `%` or bytes that are not UTF-8.
  const spaced = text.includes('+') ? text.replaceAll('+', ' ') : text;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return new URLSearchParams(`x=${text}`).get('x') ?? text;
  }
}

/** The qs options forms are parsed with; Twilio's names hold no dots to expand. */
const QUERY_STRING_OPTIONS = { decoder: decodeFormComponent, allowDots: false } as const;

/** The fields of a urlencoded body, one text per name, as qs reads it with the server's options. */
export function parseForm(text: string): FormParams {
  return formFields(parseQueryString(text, QUERY_STRING_OPTIONS));
}

/**
 * The body of a request as UTF-8 text (a leading byte-order mark dropped), read by raw-body, or an HTTP error for the
 * error handler: 413 with `tooLarge` once it is larger than `limit` bytes, said by Content-Length or while it is read;
 * raw-body's own 4xx (the client went away, the length did not match) otherwise.
 */
export async function readBodyText(req: IncomingMessage, limit: number, tooLarge: string): Promise<string> {
  try {
    // With the declared length, raw-body refuses an oversized body before reading it, and one cut short.
    return await getRawBody(req, { limit, length: req.headers['content-length'], encoding: 'utf8' });
  } catch (error) {
    const status = (error as { status?: number }).status ?? 400;
    throw Object.assign(new Error(status === 413 ? tooLarge : (error as Error).message), { status, expose: true });
  }
}

/** The one 415 text: the request's own Content-Type is not echoed, as a reflected header is a gift to whoever probes the server. */
const UNSUPPORTED_BODY = 'Expected an application/x-www-form-urlencoded body in UTF-8, as Twilio sends';

/** 415 for anything but a UTF-8 urlencoded form, which is all Twilio sends; other bodies are not read at all. */
const requireUtf8Form: Middleware = (ctx, next) => {
  const type = ctx.request.type;
  if (type !== 'application/x-www-form-urlencoded' && type !== '') ctx.throw(415, UNSUPPORTED_BODY);
  const charset = ctx.request.charset.toLowerCase();
  if (charset !== '' && charset !== 'utf-8' && charset !== 'utf8') ctx.throw(415, UNSUPPORTED_BODY);
  return next();
};

/**
 * Koa middleware, in order, that read the urlencoded body (at most `limit` bytes, else 413; unreadable, 400) into the
 * request state. A plain body is read and parsed here; a compressed one (Content-Encoding, which Twilio never sends)
 * goes through koa-bodyparser, which knows gzip and deflate and counts the limit after inflating.
 */
export function readForm(limit: number): Middleware[] {
  const tooLarge = `Request body is larger than ${limit} bytes`;
  // koa-bodyparser hands `queryString` on to qs (through co-body); its typings leave the option out.
  const options: bodyParser.Options & { queryString: typeof QUERY_STRING_OPTIONS } = {
    enableTypes: ['form'],
    formLimit: `${limit}b`,
    queryString: QUERY_STRING_OPTIONS,
    // Bad bodies are the client's fault: keep the status the parser chose (413, 400) instead of a 500.
    onerror: (error, ctx) => {
      const status = (error as { status?: number }).status ?? 400;
      ctx.throw(status, status === 413 ? tooLarge : 'Unreadable form body');
    },
  };
  const inflating = bodyParser(options);
  const read: Middleware = async (ctx, next) => {
    const encoding = ctx.req.headers['content-encoding'];
    if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
      return inflating(ctx, async () => {
        requestState(ctx).form = formFields(ctx.request.body);
        await next();
      });
    }
    // No Content-Type: nothing is read, as koa-bodyparser reads only the types it is given.
    if (ctx.request.type === '') requestState(ctx).form = {};
    else {
      try {
        requestState(ctx).form = parseForm(await readBodyText(ctx.req, limit, tooLarge));
      } catch (error) {
        const status = (error as { status?: number }).status ?? 400;
        ctx.throw(status, status === 413 ? tooLarge : 'Unreadable form body');
      }
    }
    await next();
  };
  return [requireUtf8Form, read];
}
