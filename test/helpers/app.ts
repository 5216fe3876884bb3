import { type AddressInfo } from 'node:net';
import { createRateLimiter } from '../../src/channels/rate-limiter';
import { createApp, type AppDependencies } from '../../src/http/app';
import { type Logger } from '../../src/log/logger';
import { type ServingIndex } from '../../src/server/serving-index';
import { openMessageLog } from '../../src/store/message-log';
import { TEST_AUTH_TOKEN } from './server';

/** The real Koa app on an ephemeral loopback port, serving whatever `serving` returns (a bot that throws, say). */
export interface TestApp {
  /** http://127.0.0.1:PORT */
  readonly baseUrl: string;
  stop(): Promise<void>;
}

/** Starts createApp with the test token, no rate limit, a message log at `messageLogPath` and any `more` dependencies. */
export async function startTestApp(
  serving: () => ServingIndex,
  messageLogPath: string,
  logger: Logger,
  more: Pick<AppDependencies, 'conversations' | 'corpusStale'> = {},
): Promise<TestApp> {
  const messageLog = openMessageLog(messageLogPath, { logger });
  const app = createApp({
    serving,
    twilio: { authToken: TEST_AUTH_TOKEN, publicUrl: undefined, trustProxy: false, publicHosts: [], skipSignature: false },
    limits: { maxRequestBytes: 65_536, maxMessageChars: 2000, rateLimiter: createRateLimiter({ max: 0, windowMs: 1000 }) },
    messageLog,
    logger,
    ...more,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      await messageLog.close();
    },
  };
}
