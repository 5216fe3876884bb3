import { expect } from 'chai';
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { createRateLimiter } from '../../src/channels/rate-limiter';
import { createApp } from '../../src/http/app';
import { type ServingIndex } from '../../src/server/serving-index';
import { openMessageLog } from '../../src/store/message-log';
import { captureLog } from '../helpers/log-capture';
import { TEST_AUTH_TOKEN } from '../helpers/server';
import { makeTempDir } from '../helpers/temp-dir';

/** What the failure carries that a client must never see: a path and a detail of the machine. */
const SECRET = 'cannot open /srv/faqbot/private/index.sqlite: EACCES (uid 1001)';

describe('handleErrors (real Koa app on an ephemeral port)', () => {
  const dir = makeTempDir();
  const log = captureLog();
  let server: Server;
  let base: string;
  before(async () => {
    const messageLog = openMessageLog(`${dir.path}/messages.sqlite`);
    const serving = (): ServingIndex => {
      throw new Error(SECRET);
    };
    const app = createApp({
      serving,
      twilio: { authToken: TEST_AUTH_TOKEN, publicUrl: undefined, trustProxy: false, publicHosts: [], skipSignature: false },
      limits: { maxRequestBytes: 65_536, maxMessageChars: 2000, rateLimiter: createRateLimiter({ max: 0, windowMs: 1000 }) },
      messageLog,
      logger: log.logger,
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    server.once('close', () => messageLog.close());
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    dir.cleanup();
  });

  it('answers a failure with a bare 500, keeping its details for the log with the request id', async () => {
    const response = await fetch(`${base}/health`);
    expect(response.status).to.equal(500);
    const body = await response.text();
    expect(body).to.equal('Internal server error');
    expect(body).not.to.contain('EACCES');
    const requestId = response.headers.get('x-request-id');
    const line = log.lines().find((entry) => entry.reqId === requestId && entry.level === 50);
    expect(line).to.include({ msg: 'request failed', method: 'GET', path: '/health' });
    expect((line?.err as { message: string }).message).to.equal(SECRET);
  });

  it('passes the message of a 4xx through to the client', async () => {
    const response = await fetch(`${base}/bot`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'x' });
    expect(response.status).to.equal(415);
    expect(await response.text()).to.equal('Expected an application/x-www-form-urlencoded body in UTF-8, as Twilio sends');
  });
});
