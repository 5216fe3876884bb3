import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type Config } from '../config/config';
import { createApp } from '../http/app';
import { type LoadedIndex } from '../index/loaded-index';
import { type Logger } from '../log/logger';
import { createBotFromIndex } from '../reply/bot-from-index';
import { type ServingIndex } from './serving-index';

/** A listening server and how to stop it. */
export interface RunningServer {
  /** The port actually bound, which differs from the configured one when that was 0. */
  readonly port: number;
  readonly server: Server;
  /** Stops accepting connections and resolves when the open ones are done. */
  close(): Promise<void>;
}

/** Serves a loaded index over HTTP on the configured host and port. */
export async function startServer(config: Config, index: LoadedIndex, logger: Logger): Promise<RunningServer> {
  const serving: ServingIndex = {
    bot: createBotFromIndex(index, config.matchThreshold === undefined ? {} : { threshold: config.matchThreshold }),
    meta: index.meta,
  };
  const app = createApp({
    serving: () => serving,
    twilio: { authToken: config.twilioAuthToken, publicUrl: config.publicUrl, skipSignature: config.skipTwilioSignature },
    logger,
  });
  const server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
