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
import { type Replica } from '../postgres/replica';
import { openMessageLog } from '../store/message-log';
import { type ReplyLog } from '../store/reply-log';
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
  /** The message log the webhook records into (the shared one with DATABASE_URL); its writes are queued, and `flush()` writes them now. */
  readonly messageLog: ReplyLog;
  /** Per-sender conversation state, in the message log file (in the shared database with DATABASE_URL). */
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
  // Node's request check starts its clock when a connection opens, so one that sends nothing gets a 408 and is closed at
  // most TIMEOUT_CHECK_MS after the limit; this inactivity timeout closes it at the limit itself, whichever comes first.
  // It also ends a connection on which nothing moves for that long while its answer is being prepared.
  server.timeout = config.requestTimeoutMs;
  server.maxConnections = config.maxConnections;
  return server;
}

/**
 * The message log and conversation state of a single server, in the SQLite message-log file; the state on the log's own
 * connection (its 10 ms lock wait: a locked file costs a request that at most, and the state is then skipped, logged).
 */
function openLocalStores(config: Config, logger: Logger): { messageLog: ReplyLog; stateStore: StateStore } {
  const messageLog = openMessageLog(config.messageLogPath, {
    logger,
    retentionDays: config.messageLogDays,
    maxQueued: config.messageLogQueueMax,
    maxBodyChars: config.maxMessageChars,
  });
  return { messageLog, stateStore: openSqliteStateStore({ database: () => messageLog.database() }) };
}

/** What serve knows about the index it starts with, and where the shared parts live. */
export interface StartOptions {
  /** Errors of a corpus that could not be indexed, when `index` is the last good one. Default 0. */
  readonly corpusErrors?: number;
  /** With DATABASE_URL: the shared message log, state, rate limits and published index. Default: the local SQLite files. */
  readonly replica?: Replica;
}

/**
 * Serves a loaded index over HTTP on the configured host and port, swapping in new index files and logging messages.
 * With a `replica` (DATABASE_URL), the message log, rate limits and published index are the shared ones.
 */
export async function startServer(config: Config, index: LoadedIndex, logger: Logger, { corpusErrors = 0, replica }: StartOptions = {}): Promise<RunningServer> {
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
  const { messageLog, stateStore } = replica ?? openLocalStores(config, logger);
  const handoffNotifier =
    config.handoffWebhookUrl === undefined
      ? null
      : createHandoffNotifier({ url: config.handoffWebhookUrl, secret: config.handoffWebhookSecret ?? '', logger, recentMessages: (sender, limit) => messageLog.recentMessages(sender, limit) });
  const initial = toServingIndex(index, matchOptions, { errors: corpusErrors });
  const hot = createHotIndex({ path: config.dbPath, initial, load: loadIndex, build, pollMs: config.indexPollMs, logger });
  replica?.follow(() => void hot.refresh());
  const app = createApp({
    serving: hot.current,
    twilio: { authToken: config.twilioAuthToken, publicUrl: config.publicUrl, trustProxy: config.trustProxy, publicHosts: config.publicHosts, skipSignature: config.skipTwilioSignature },
    limits: {
      maxRequestBytes: config.maxRequestBytes,
      maxMessageChars: config.maxMessageChars,
      rateLimiter: replica?.rateLimiter ?? createRateLimiter({ max: config.rateLimitMax, windowMs: config.rateLimitWindowMs }),
    },
    messageLog,
    logger,
    // A replica serves what was published; its own corpus folder, if any, says nothing about that.
    corpusStale: replica === undefined ? corpusStale : () => false,
    conversations: {
      store: stateStore,
      settings: { choiceTtlMs: config.choiceTtlMs, handoffAfterFallbacks: config.handoffAfterFallbacks, handoffPauseMs: config.handoffPauseMs, resumeWord: config.resumeWord },
      notifier: handoffNotifier,
    },
    ...(replica === undefined ? {} : { health: () => replica.health() }),
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
    await (replica === undefined ? messageLog.close() : replica.close(0));
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
        const left = Math.max(0, started + config.shutdownTimeoutMs - Date.now());
        await (replica === undefined ? messageLog.close(left) : replica.close(left));
        return result;
      })();
      return closing;
    },
  };
}
