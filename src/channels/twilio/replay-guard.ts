import { type Middleware } from 'koa';
import { formOf, requestState } from '../../http/request-state';
import { type StoredReply } from '../../store/message-log';
import { type ReplyLog } from '../../store/reply-log';
import { sendReply } from './send-reply';

/** A delivery being answered: the promise of its reply is made only when another delivery of it comes to wait. */
interface Answering {
  waited?: Promise<StoredReply | null>;
  settle?: (reply: StoredReply | null) => void;
}

/** The reply of the delivery being answered, as a promise made on the first wait. */
function replyOf(answering: Answering): Promise<StoredReply | null> {
  answering.waited ??= new Promise((resolve) => (answering.settle = resolve));
  return answering.waited;
}

/**
 * Koa middleware making replies idempotent: Twilio redelivers a message it thinks timed out, with the same MessageSid;
 * a MessageSid already in the log (written or still queued) gets the recorded reply again, and each message is recorded
 * once, after it is answered. A delivery that arrives while another of the same MessageSid is being answered waits for
 * that answer and sends it too. A lookup that fails (a damaged log) throws, for the apology step to answer.
 */
export function replayGuard(log: ReplyLog): Middleware {
  // MessageSid -> the delivery being answered now; its reply is null if it ended without one (it threw).
  const answering = new Map<string, Answering>();
  return async (ctx, next) => {
    // When it arrived, not when it was answered: `faqbot forget` erases what arrived before it ran.
    const arrivedAt = Date.now();
    const form = formOf(ctx);
    const messageSid = form.MessageSid === undefined || form.MessageSid === '' ? null : form.MessageSid;
    if (messageSid !== null) {
      // A loop: when the delivery waited for fails, another waiting one may have taken over by the time this one resumes.
      for (let running = answering.get(messageSid); running !== undefined; running = answering.get(messageSid)) {
        const reply = await replyOf(running);
        if (reply !== null) return sendReply(ctx, { ...reply, replayed: true });
      }
    }

    const mine: Answering = {};
    const settle = (reply: StoredReply | null): void => mine.settle?.(reply);
    // Registered before the lookup, which may wait (a shared log): another delivery of it meanwhile waits here.
    if (messageSid !== null) answering.set(messageSid, mine);
    try {
      const found = messageSid === null ? null : log.find(messageSid);
      // The SQLite log answers at once: no turn of the event loop's queue for it (a shared log answers a promise).
      const earlier = found instanceof Promise ? await found : found;
      if (earlier !== null) {
        settle(earlier);
        return sendReply(ctx, { ...earlier, replayed: true });
      }
      await next();
      const { outcome } = requestState(ctx);
      if (outcome === undefined) {
        if (messageSid !== null) log.release?.(messageSid);
        return settle(null);
      }
      const reply: StoredReply = { messages: outcome.messages, answerId: outcome.answerId, score: outcome.score, fallback: outcome.fallback };
      // Spelled out rather than spread: one object shape for every message keeps this per-request step cheap.
      const message = { messages: outcome.messages, answerId: outcome.answerId, score: outcome.score, fallback: outcome.fallback, messageSid, sender: form.From ?? '', body: outcome.text ?? null };
      log.record(message, arrivedAt);
      settle(reply);
    } catch (error) {
      if (messageSid !== null) log.release?.(messageSid);
      settle(null);
      throw error;
    } finally {
      if (messageSid !== null) answering.delete(messageSid);
    }
  };
}
