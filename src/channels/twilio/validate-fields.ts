import { type Middleware } from 'koa';
import { formOf, requestState, type FormParams } from '../../http/request-state';
import { type Logger } from '../../log/logger';

/** A Twilio message SID (twilio.com/docs/api/errors/90001): SM, or MM for some media messages, and 32 hex digits. */
const MESSAGE_SID = /^(?:SM|MM)[0-9a-fA-F]{32}$/;
/** A sender in E.164 form (+ and at most 15 digits), on WhatsApp behind the channel prefix. */
const SENDER = /^(?:whatsapp:)?\+[1-9][0-9]{1,14}$/;

/** Whether MessageSid and From may be missing: only where no signature is checked (SKIP_TWILIO_SIGNATURE, development). */
export interface FieldRules {
  readonly allowMissing: boolean;
}

/** What is wrong with the identifying fields of a webhook form, or null when they are what Twilio sends. */
export function fieldProblem(form: FormParams, { allowMissing }: FieldRules): string | null {
  const sid = form.MessageSid;
  if (sid === undefined ? !allowMissing : !MESSAGE_SID.test(sid)) return 'MessageSid is not a Twilio message SID (SM or MM and 32 hex digits)';
  const from = form.From;
  if (from === undefined ? !allowMissing : !SENDER.test(from)) return 'From is not a phone number (whatsapp:+<digits> or +<digits>)';
  return null;
}

/**
 * Koa middleware refusing with 400 a form whose MessageSid or From is not the kind Twilio sends. Twilio signs keys and
 * values glued together with no separator, so a captured request can be re-split (the SID grown by the next field, or
 * folded into From) under the same signature; strict formats leave only the original split, which the replay guard knows.
 */
export function validateFields(rules: FieldRules, logger: Logger): Middleware {
  return (ctx, next) => {
    const problem = fieldProblem(formOf(ctx), rules);
    if (problem !== null) {
      logger.warn({ reqId: requestState(ctx).requestId }, `Refused a webhook request: ${problem}.`);
      ctx.throw(400, problem);
    }
    return next();
  };
}
