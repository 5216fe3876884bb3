import { type Logger } from '../log/logger';
import { maskSender } from '../log/mask-sender';
import { type RecentMessage } from '../store/types';
import { HANDOFF_MESSAGES, type HandoffPayload, type HandoffReason } from './payload';
import { SIGNATURE_HEADER, signBody } from './sign-body';

/** A hand-off that has started, as the webhook reports it. */
export interface HandoffEvent {
  /** E.164 number. */
  readonly sender: string;
  readonly profileName: string | null;
  readonly reason: HandoffReason;
  readonly startedAt: number;
  readonly until: number;
}

/** How hand-offs are sent to the team. */
export interface HandoffNotifierOptions {
  /** HANDOFF_WEBHOOK_URL. */
  readonly url: string;
  /** HANDOFF_WEBHOOK_SECRET: keys the HMAC-SHA256 signature header. */
  readonly secret: string;
  readonly logger: Logger;
  /** Where the last messages come from: the message log. */
  readonly recentMessages: (sender: string, limit: number) => Promise<readonly RecentMessage[]>;
  /** Waits before each try: the first try right away, then with backoff. Default 0, 2 s, 8 s, 20 s, 30 s: five tries over about a minute. */
  readonly delaysMs?: readonly number[];
  /** How long one try may take before it counts as failed. Default 10 s. */
  readonly timeoutMs?: number;
}

/** Sends hand-off notifications off the request path. */
export interface HandoffNotifier {
  /** Queues a notification; returns at once. Delivery and every failed try are logged. */
  notify(event: HandoffEvent): void;
  /** Notifications being sent or waiting for a retry. */
  readonly pending: number;
  /** Stops retrying; notifications not yet delivered are logged as given up. */
  close(): Promise<void>;
}

const DEFAULT_DELAYS_MS = [0, 2_000, 8_000, 20_000, 30_000];

/** A response status that will not change on a retry: the receiver refuses the request itself. */
function isFinal(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/**
 * Posts each hand-off as signed JSON to the team's webhook, after the reply has gone out: the last messages are read
 * from the message log once the hand-off message itself is in it. Failed tries (network errors, 5xx, 408, 429, timeouts)
 * are retried with backoff; each outcome is logged with the number masked.
 */
export function createHandoffNotifier({ url, secret, logger, recentMessages, delaysMs = DEFAULT_DELAYS_MS, timeoutMs = 10_000 }: HandoffNotifierOptions): HandoffNotifier {
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();
  let closed = false;
  let pending = 0;

  const post = async (body: string): Promise<{ ok: boolean; final: boolean; detail: string }> => {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [SIGNATURE_HEADER]: signBody(body, secret), 'User-Agent': 'faqbot-handoff' },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      return { ok: response.ok, final: isFinal(response.status), detail: `status ${response.status}` };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return { ok: false, final: false, detail: cause ?? (error instanceof Error ? error.name : String(error)) };
    }
  };

  const attempt = async (event: HandoffEvent, body: string | null, tryIndex: number): Promise<void> => {
    const masked = maskSender(event.sender);
    const payloadBody =
      body ??
      JSON.stringify({
        event: 'handoff',
        sender: event.sender,
        profileName: event.profileName,
        reason: event.reason,
        startedAt: new Date(event.startedAt).toISOString(),
        pausedUntil: new Date(event.until).toISOString(),
        messages: await recentMessages(event.sender, HANDOFF_MESSAGES).catch(() => []),
      } satisfies HandoffPayload);
    const result = await post(payloadBody);
    const tries = tryIndex + 1;
    if (result.ok) {
      pending--;
      logger.info({ sender: masked, reason: event.reason, tries }, 'hand-off notification delivered');
      return;
    }
    const next = delaysMs[tries];
    if (result.final || next === undefined || closed) {
      pending--;
      logger.error({ sender: masked, reason: event.reason, tries, result: result.detail }, 'hand-off notification not delivered; giving up (check HANDOFF_WEBHOOK_URL and the receiver)');
      return;
    }
    logger.warn({ sender: masked, reason: event.reason, tries, result: result.detail, retryInMs: next }, 'hand-off notification failed; retrying');
    schedule(event, payloadBody, tries, next);
  };

  const schedule = (event: HandoffEvent, body: string | null, tryIndex: number, delay: number): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      const running = attempt(event, body, tryIndex).finally(() => inFlight.delete(running));
      inFlight.add(running);
    }, delay);
    timers.add(timer);
  };

  return {
    notify(event) {
      if (closed) return;
      pending++;
      // Never before the reply: the first try waits for the next turn, so the hand-off message is in the log by then.
      schedule(event, null, 0, delaysMs[0] ?? 0);
    },
    get pending() {
      return pending;
    },
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      const waiting = timers.size;
      timers.clear();
      await Promise.allSettled([...inFlight]);
      if (waiting > 0) logger.error({ notifications: waiting }, 'shutting down with hand-off notifications waiting for a retry; they are not sent');
      pending = 0;
    },
  };
}
