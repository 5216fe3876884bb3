import { createServer, type RequestListener, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { createRateLimiter } from '../channels/rate-limiter';
import { type Config } from '../config/config';
import { createApp } from '../http/app';
import { isIndexStale } from '../index/ensure-index';
import { loadIndex } from '../index/load-index';
import { type LoadedIndex } from '../index/loaded-index';
import { type Logger } from '../log/logger';
import { type MatchOptions } from '../match/options';
import { openMessageLog, type MessageLog } from '../store/message-log';
import { openSqliteStateStore } from '../conversation/sqlite-state-store';
import { type StateStore } from '../conversation/state-store';
import { createHandoffNotifier, type HandoffNotifier } from '../handoff/notifier';
import { trackConnections, type CloseResult } from './close-http';
import { createHotIndex, type HotIndex } from './hot-index';
import { checkIndexIsNotMessageLog } from './separate-files';
import { toServingIndex } from './serving-index';

/** A listening server and how to stop it. */
export interface RunningServer {
  /** The port actually bound, which differs from the configured one when that was 0. */
  readonly port: number;
  readonly server: Server;
  /** The served index, which follows its file as reindex replaces it. */
  readonly index: HotIndex;
  /** The message log the webhook records into; its writes are queued, and `flush()` writes them now. */
  readonly messageLog: MessageLog;
  /** Per-sender conversation state, in the message log file. */
  readonly stateStore: StateStore;
  /** Sends hand-offs to HANDOFF_WEBHOOK_URL; null when it is not set. */
  readonly handoffNotifier: HandoffNotifier | null;
  /**
   * Stops accepting connections, waits for requests in flight (at most SHUTDOWN_TIMEOUT_MS, then closes them),
   * stops watching the index, writes the messages still queued for the message log (within what is left of
   * SHUTDOWN_TIMEOUT_MS, logging any it could not) and closes it. Calling it again returns the same promise.
   */
  close(): Promise<CloseResult>;
}

/** How often Node checks the request timeouts; its default of 30 s would let a slow client stay three times longer than allowed. */
const TIMEOUT_CHECK_MS = 250;

/**
 * The HTTP server with limits fit for Twilio, which gives up on a webhook after 15 s: a client must send its whole
 * request within REQUEST_TIMEOUT_MS and may not sit silent longer, and at most MAX_CONNECTIONS are held at once.
 */
function createHttpServer(config: Config, handler: RequestListener): Server {
  const server = createServer(
    { requestTimeout: config.requestTimeoutMs, headersTimeout: config.requestTimeoutMs, connectionsCheckingInterval: TIMEOUT_CHECK_MS },
    handler,
  );
  // The request timeouts start with the first byte; a connection that sends nothing is ended by this inactivity timeout.
  server.timeout = config.requestTimeoutMs;
  server.maxConnections = config.maxConnections;
  return server;
}

/** What serve knows about the corpus behind the index it starts with. */
export interface StartOptions {
  /** Errors of a corpus that could not be indexed, when `index` is the last good one. Default 0. */
  readonly corpusErrors?: number;
}

/** Serves a loaded index over HTTP on the configured host and port, swapping in new index files and logging messages. */
export async function startServer(config: Config, index: LoadedIndex, logger: Logger, { corpusErrors = 0 }: StartOptions = {}): Promise<RunningServer> {
  const matchOptions: Partial<MatchOptions> = config.matchThreshold === undefined ? {} : { threshold: config.matchThreshold };
  // A new index file comes from a reindex, which succeeds only on a corpus without errors.
  const build = (loaded: LoadedIndex) => toServingIndex(loaded, matchOptions);
  const corpusStale = (): boolean => {
    try {
      return isIndexStale(config.dbPath, config.corpusDir);
    } catch {
      return true;
    }
  };
  checkIndexIsNotMessageLog(config.dbPath, config.messageLogPath);
  const messageLog = openMessageLog(config.messageLogPath, {
    logger,
    retentionDays: config.messageLogDays,
    maxQueued: config.messageLogQueueMax,
    maxBodyChars: config.maxMessageChars,
  });
  // On the log's own connection (its 10 ms lock wait: a locked file costs a request that at most, and the state is then skipped, logged).
  const stateStore = openSqliteStateStore({ database: () => messageLog.database() });
  const handoffNotifier =
    config.handoffWebhookUrl === undefined
      ? null
      : createHandoffNotifier({ url: config.handoffWebhookUrl, secret: config.handoffWebhookSecret ?? '', logger, recentMessages: (sender, limit) => messageLog.recentMessages(sender, limit) });
  const initial = toServingIndex(index, matchOptions, { errors: corpusErrors });
  const hot = createHotIndex({ path: config.dbPath, initial, load: loadIndex, build, pollMs: config.indexPollMs, logger });
  const app = createApp({
    serving: hot.current,
    twilio: { authToken: config.twilioAuthToken, publicUrl: config.publicUrl, trustProxy: config.trustProxy, publicHosts: config.publicHosts, skipSignature: config.skipTwilioSignature },
    limits: {
      maxRequestBytes: config.maxRequestBytes,
      maxMessageChars: config.maxMessageChars,
      rateLimiter: createRateLimiter({ max: config.rateLimitMax, windowMs: config.rateLimitWindowMs }),
    },
    messageLog,
    logger,
    corpusStale,
    conversations: {
      store: stateStore,
      settings: { choiceTtlMs: config.choiceTtlMs, handoffAfterFallbacks: config.handoffAfterFallbacks, handoffPauseMs: config.handoffPauseMs, resumeWord: config.resumeWord },
      notifier: handoffNotifier,
    },
  });
  const server = createHttpServer(config, app.callback());
  const connections = trackConnections(server);
  server.listen(config.port, config.host);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  } catch (error) {
    hot.stop();
    await handoffNotifier?.close();
    await stateStore.close();
    await messageLog.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  let closing: Promise<CloseResult> | null = null;
  return {
    port,
    server,
    index: hot,
    messageLog,
    stateStore,
    handoffNotifier,
    close() {
      closing ??= (async () => {
        const started = Date.now();
        hot.stop();
        const result = await connections.close(config.shutdownTimeoutMs);
        await handoffNotifier?.close();
        await stateStore.close();
        // Only now: a request still being answered may yet record its message. One bound for both steps.
        await messageLog.close(Math.max(0, started + config.shutdownTimeoutMs - Date.now()));
        return result;
      })();
      return closing;
    },
  };
}
