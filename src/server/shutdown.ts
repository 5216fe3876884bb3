import { type Logger } from '../log/logger';
import { type CloseResult } from './close-http';

/** How the process shuts down on a signal. */
export interface ShutdownOptions {
  /** Closes the server and everything it holds; `forced` when requests had to be cut off. */
  readonly close: () => Promise<CloseResult>;
  /** The same bound the server's close uses; a last-resort exit fires a little after it. */
  readonly timeoutMs: number;
  readonly logger: Logger;
  /** process.exit, injectable for tests. */
  readonly exit: (code: number) => void;
  /** Where SIGTERM and SIGINT arrive. Default: the process; injectable for tests. */
  readonly signals?: Pick<NodeJS.EventEmitter, 'on'>;
  /** Grace after `timeoutMs` before the process exits regardless, in case closing itself hangs. Default 2000. */
  readonly lastResortMs?: number;
}

const DEFAULT_LAST_RESORT_MS = 2000;

/** Exit code for a shutdown: 0 when every request in flight finished, 1 when some had to be cut off or closing failed. */
export function exitCode(result: { forced: boolean } | Error): number {
  return result instanceof Error || result.forced ? 1 : 0;
}

/** Shuts down gracefully on the first SIGTERM or SIGINT, and at once on a second one. */
export function exitOnSignals({ close, timeoutMs, logger, exit, signals = process, lastResortMs = DEFAULT_LAST_RESORT_MS }: ShutdownOptions): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      exit(1);
      return;
    }
    stopping = true;
    logger.info({ signal, timeoutMs }, 'shutting down: no new connections, finishing requests in flight');
    setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown did not finish in time; exiting');
      exit(1);
    }, timeoutMs + lastResortMs).unref();
    close().then(
      (result) => {
        if (result.forced) logger.warn({ timeoutMs }, 'requests still open after SHUTDOWN_TIMEOUT_MS were cut off');
        if (result.stalled > 0) logger.info({ stalled: result.stalled }, 'closed connections of clients still sending their request at SHUTDOWN_TIMEOUT_MS');
        logger.info({ forced: result.forced }, 'stopped');
        exit(exitCode(result));
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        exit(1);
      },
    );
  };
  signals.on('SIGTERM', onSignal);
  signals.on('SIGINT', onSignal);
}
