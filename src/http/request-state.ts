import { type Context } from 'koa';

/** The form fields of a webhook request, one value per name. */
export type FormParams = Readonly<Record<string, string>>;

/** What a webhook request produced, for the message log and the request log line. */
export interface ReplyOutcome {
  /** The texts sent back, one per <Message>; empty when nothing is sent. */
  readonly messages: readonly string[];
  /** Corpus id of the answer, or null when a rule, a limit or an error answered. */
  readonly answerId: string | null;
  readonly score: number;
  /** Why no corpus answer was given: a bot rule, `rateLimited`, `silenced` or `error`; null for a corpus answer. */
  readonly fallback: string | null;
  /** The message text as it was matched (cleaned, cut at MAX_MESSAGE_CHARS), kept in the message log; absent when no text was answered. */
  readonly text?: string;
  /** The message text was longer than MAX_MESSAGE_CHARS and was cut before matching. */
  readonly truncated?: boolean;
  /** The reply was taken from the message log: Twilio delivered this MessageSid before. */
  readonly replayed?: boolean;
}

/** What the middleware of one request share, typed; Koa's own `ctx.state` is untyped. */
export interface RequestState {
  requestId: string;
  form?: FormParams;
  outcome?: ReplyOutcome;
}

/** The typed state of a request; `requestId` is empty until the request logger has run. */
export function requestState(ctx: Context): RequestState {
  const state = ctx.state as Partial<RequestState>;
  if (typeof state.requestId !== 'string') state.requestId = '';
  return state as RequestState;
}

/** The parsed form of a request; throws if no form reader ran before, which is a wiring mistake. */
export function formOf(ctx: Context): FormParams {
  const { form } = requestState(ctx);
  if (form === undefined) throw new Error('internal: the form body was not read; put readForm() before this middleware');
  return form;
}
