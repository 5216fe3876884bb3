import { type Middleware } from 'koa';
import { formOf, requestState } from '../../http/request-state';
import { type Logger } from '../../log/logger';
import { type MessageLog } from '../../store/message-log';
import { sendReply } from './send-reply';

/**
 * Koa middleware making replies idempotent: Twilio redelivers a message it thinks timed out, with the same MessageSid;
 * a MessageSid already in the log gets the recorded reply again, and each message is recorded once, after it is answered.
 */
export function replayGuard(log: MessageLog, logger: Logger): Middleware {
  return async (ctx, next) => {
    const form = formOf(ctx);
    const messageSid = form.MessageSid === undefined || form.MessageSid === '' ? null : form.MessageSid;
    const earlier = messageSid === null ? null : log.find(messageSid);
    if (earlier !== null) return sendReply(ctx, { ...earlier, replayed: true });

    await next();
    const { outcome } = requestState(ctx);
    if (outcome === undefined) return;
    try {
      const standing = log.record({ messageSid, sender: form.From ?? '', body: form.Body ?? '', ...outcome });
      // Another delivery of the same message was recorded first: send what it got, so the user sees one answer.
      if (standing.messages.join('\u0000') !== outcome.messages.join('\u0000')) sendReply(ctx, { ...standing, replayed: true });
    } catch (error) {
      // The user still gets the answer; the operator learns the log could not be written (disk full, file removed).
      logger.error({ reqId: requestState(ctx).requestId, err: error }, 'could not record the message in the message log (MESSAGE_LOG)');
    }
  };
}
