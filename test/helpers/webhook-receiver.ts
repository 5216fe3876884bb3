import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

/** One request the receiver got: its headers and its body exactly as sent. */
export interface ReceivedRequest {
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: Buffer;
}

/** A local HTTP endpoint standing in for the team's hand-off webhook (Slack, a helpdesk). */
export interface WebhookReceiver {
  readonly url: string;
  readonly received: ReceivedRequest[];
  /** The status to answer the next requests with. Default 200. */
  status: number;
  /** Resolves with the `count`-th request (1-based) once it has arrived, failing after `timeoutMs`. */
  waitFor(count: number, timeoutMs: number): Promise<ReceivedRequest>;
  close(): Promise<void>;
}

/** Starts a receiver on an ephemeral loopback port. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  const waiters: { count: number; resolve: (request: ReceivedRequest) => void }[] = [];
  let status = 200;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { headers: req.headers, rawBody: Buffer.concat(chunks) };
      received.push(request);
      res.statusCode = status;
      res.end();
      for (const waiter of waiters.filter((w) => w.count === received.length)) waiter.resolve(request);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/handoff`,
    received,
    get status() {
      return status;
    },
    set status(value: number) {
      status = value;
    },
    waitFor(count, timeoutMs) {
      const already = received[count - 1];
      if (already !== undefined) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the receiver got ${received.length} requests, not ${count}, within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ count, resolve: (request) => (clearTimeout(timer), resolve(request)) });
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
