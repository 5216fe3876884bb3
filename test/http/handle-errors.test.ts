import { expect } from 'chai';
import { type ServingIndex } from '../../src/server/serving-index';
import { startTestApp, type TestApp } from '../helpers/app';
import { captureLog } from '../helpers/log-capture';
import { makeTempDir } from '../helpers/temp-dir';

/** What the failure carries that a client must never see: a path and a detail of the machine. */
const SECRET = 'cannot open /srv/faqbot/private/index.sqlite: EACCES (uid 1001)';

describe('handleErrors (real Koa app on an ephemeral port)', () => {
  const dir = makeTempDir();
  const log = captureLog();
  let app: TestApp;
  let base: string;
  before(async () => {
    const serving = (): ServingIndex => {
      throw new Error(SECRET);
    };
    app = await startTestApp(serving, `${dir.path}/messages.sqlite`, log.logger);
    base = app.baseUrl;
  });
  after(async () => {
    await app.stop();
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
