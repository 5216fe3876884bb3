import { expect } from 'chai';
import Koa from 'koa';
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { handleErrors } from '../../src/http/handle-errors';
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

describe('handleErrors on errors of every shape (a real Koa app on an ephemeral port)', () => {
  const log = captureLog();
  let server: Server;
  let base: string;
  before(async () => {
    const app = new Koa();
    app.silent = true;
    app.use(handleErrors(log.logger));
    // Each path throws what some library might: a client error Koa may show or not, a status that is no error, a bare string.
    app.use((ctx) => {
      if (ctx.path === '/hidden') ctx.throw(400, 'token abc123 was not valid', { expose: false });
      if (ctx.path === '/shown') ctx.throw(422, 'Body must not be empty');
      if (ctx.path === '/redirect') throw Object.assign(new Error('moved'), { status: 302 });
      if (ctx.path === '/unavailable') ctx.throw(503, 'database at 10.0.0.5 is down');
      if (ctx.path === '/object') throw { status: 404, message: 'row 17 of /srv/faqbot/index.sqlite', expose: true };
      if (ctx.path === '/null') throw null;
      if (ctx.path === '/beyond') throw Object.assign(new Error('status from a broken proxy'), { status: 600, expose: true });
      throw 'a string, not an Error';
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const get = async (path: string): Promise<[number, string, string | null]> => {
    const response = await fetch(`${base}${path}`);
    return [response.status, await response.text(), response.headers.get('content-type')];
  };

  it('shows a 4xx message only when the error allows it', async () => {
    expect(await get('/shown')).to.deep.equal([422, 'Body must not be empty', 'text/plain; charset=utf-8']);
    expect(await get('/hidden')).to.deep.equal([400, 'Bad request', 'text/plain; charset=utf-8']);
  });

  it('answers 500 for a status that is not an error, and for something thrown that is not an Error, and logs each', async () => {
    expect(await get('/redirect')).to.deep.equal([500, 'Internal server error', 'text/plain; charset=utf-8']);
    expect(await get('/thrown')).to.deep.equal([500, 'Internal server error', 'text/plain; charset=utf-8']);
    expect(log.lines().filter((line) => line.msg === 'request failed').map((line) => line.path)).to.include.members(['/redirect', '/thrown']);
  });

  it('trusts a status only on an Error: a thrown plain object or null is a 500, never shown', async () => {
    expect(await get('/object')).to.deep.equal([500, 'Internal server error', 'text/plain; charset=utf-8']);
    expect(await get('/null')).to.deep.equal([500, 'Internal server error', 'text/plain; charset=utf-8']);
  });

  it('answers 500 for a status past 599', async () => {
    expect(await get('/beyond')).to.deep.equal([500, 'Internal server error', 'text/plain; charset=utf-8']);
  });

  it('keeps a 5xx status but never its message', async () => {
    expect(await get('/unavailable')).to.deep.equal([503, 'Internal server error', 'text/plain; charset=utf-8']);
    expect(log.lines().find((line) => line.path === '/unavailable')).to.include({ level: 50, method: 'GET' });
  });
});

