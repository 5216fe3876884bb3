import { expect } from 'chai';
import { Agent } from 'node:http';
import { reindex } from '../../src/index/reindex';
import { pickRequestId } from '../../src/http/log-requests';
import { type ServingIndex } from '../../src/server/serving-index';
import { startTestApp } from '../helpers/app';
import { waitForExit } from '../helpers/cli-process';
import { BAKERY_CSV } from '../helpers/fixtures';
import { captureLog } from '../helpers/log-capture';
import { killIfRunning, startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { postRaw, postSigned, startTestServer, whatsappForm, type TestServer } from '../helpers/server';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

/** Twilio caps no field of a forged request: these are as large as MAX_REQUEST_BYTES and the header limit let them be. */
const HUGE_SID = `SM${'f'.repeat(60_000)}`;
const HUGE_FROM = `whatsapp:+${'4'.repeat(2000)}`;
const HUGE_QUERY = `?${'q'.repeat(8000)}`;

describe('the request log under a flood of refused requests (real `faqbot serve` process)', function () {
  this.timeout(60_000);
  let dir: TempDir;
  let serve: ServeProcess | undefined;
  before(() => {
    dir = makeTempDir();
    dir.write('corpus/faq.csv', BAKERY_CSV);
    reindex(`${dir.path}/corpus`, `${dir.path}/index.sqlite`);
  });
  after(() => {
    killIfRunning(serve?.child);
    dir.cleanup();
  });

  it('writes no field over 64 characters and no line over 300 bytes for unsigned requests with huge fields', async () => {
    serve = await startServeProcess(dir.path);
    const before = serve.stdoutBytes();
    const body = new URLSearchParams({ MessageSid: HUGE_SID, From: HUGE_FROM, Body: 'hi' }).toString();
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const requests = 200;
    const statuses = await Promise.all(
      Array.from({ length: requests }, async (_, i) => {
        const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-Host': 'h'.repeat(4000) };
        // Half without a signature, half with a wrong one, and one path too long for any route.
        if (i % 2 === 1) headers['X-Twilio-Signature'] = 'x'.repeat(2000);
        const path = i === 0 ? `/${'p'.repeat(8000)}` : `/bot${HUGE_QUERY}`;
        return (await postRaw(`${serve!.url}${path}`, body, headers, agent)).status;
      }),
    );
    agent.destroy();
    expect(new Set(statuses)).to.deep.equal(new Set([403, 404]));
    serve.child.kill('SIGTERM');
    await waitForExit(serve.child, 10_000);

    const lines = serve.log.lines.filter((line) => line.msg === 'request' || String(line.msg).startsWith('Refused'));
    expect(lines.filter((line) => line.msg === 'request')).to.have.length(requests);
    for (const line of lines) {
      expect(Buffer.byteLength(JSON.stringify(line)), JSON.stringify(line).slice(0, 200)).to.be.below(300);
      for (const [key, value] of Object.entries(line)) {
        if (key !== 'msg' && typeof value === 'string') expect(value.length, key).to.be.at.most(65);
      }
    }
    // Every line that the flood caused, advice included, fits in a few hundred bytes a request.
    expect(serve.stdoutBytes() - before).to.be.below(requests * 600);
  });
});

describe('request ids (real server)', () => {
  let server: TestServer;
  const log = captureLog();
  before(async () => {
    server = await startTestServer(undefined, {}, log.logger);
  });
  after(async () => {
    await server.stop();
  });

  it('reuses a plain X-Request-Id from upstream in the response and the log line', async () => {
    const response = await postSigned(`${server.baseUrl}/bot`, whatsappForm('where are you'), { headers: { 'X-Request-Id': 'lb-7f3a.42_x' } });
    expect(response.headers.get('x-request-id')).to.equal('lb-7f3a.42_x');
    expect(log.lines().filter((line) => line.reqId === 'lb-7f3a.42_x' && line.msg === 'request')).to.have.length(1);
  });

  it('replaces an X-Request-Id that is long or holds other characters with a new UUID', async () => {
    for (const upstream of ['a'.repeat(65), 'id with spaces', '{"forged":1}']) {
      const response = await postSigned(`${server.baseUrl}/bot`, whatsappForm('where are you'), { headers: { 'X-Request-Id': upstream } });
      expect(response.headers.get('x-request-id'), upstream).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
    expect(pickRequestId('a'.repeat(64))).to.equal('a'.repeat(64));
  });

  it('clips what an unsigned client sent in its one log line: MessageSid and sender to 40 characters, the line under 300 bytes', async () => {
    const response = await postRaw(`${server.baseUrl}/bot${HUGE_QUERY}`, new URLSearchParams({ MessageSid: HUGE_SID, From: HUGE_FROM, Body: 'hi' }).toString(), {
      'Content-Type': 'application/x-www-form-urlencoded',
      'X-Twilio-Signature': 'forged',
    });
    expect(response.status).to.equal(403);
    const requestId = response.headers['x-request-id'];
    const line = log.lines().find((entry) => entry.reqId === requestId && entry.msg === 'request')!;
    expect(line).to.include({ method: 'POST', path: '/bot', status: 403 });
    expect(line.messageSid).to.equal(`SM${'f'.repeat(38)}…`);
    expect((line.sender as string).length).to.be.at.most(41);
    const raw = log.raw().split('\n').find((text) => text.includes(`"reqId":"${requestId}"`) && text.includes('"msg":"request"'))!;
    expect(Buffer.byteLength(raw)).to.be.below(300);
  });

  it('logs an empty sender and a null MessageSid for a form that has neither', async () => {
    const response = await postRaw(`${server.baseUrl}/bot`, 'Body=hi', { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(response.status).to.equal(403);
    const line = log.lines().find((entry) => entry.reqId === response.headers['x-request-id'] && entry.msg === 'request');
    expect(line).to.include({ sender: '', messageSid: null, status: 403 });
  });

  it('writes a failing /health at info, where a monitor will see it', async () => {
    const debug = captureLog('debug');
    const dir = makeTempDir();
    const failing = await startTestApp((): ServingIndex => { throw new Error('index unreadable'); }, `${dir.path}/messages.sqlite`, debug.logger);
    try {
      const response = await fetch(`${failing.baseUrl}/health`);
      expect(response.status).to.equal(500);
      expect(debug.lines().find((line) => line.reqId === response.headers.get('x-request-id') && line.msg === 'request')).to.include({ level: 30, status: 500, path: '/health' });
    } finally {
      await failing.stop();
      dir.cleanup();
    }
  });

  it('writes a line for each webhook request at info, and for a healthy /health at debug only', async () => {
    const debug = captureLog('debug');
    const quiet = await startTestServer(undefined, {}, debug.logger);
    try {
      const health = await fetch(`${quiet.baseUrl}/health`);
      const missing = await fetch(`${quiet.baseUrl}/nowhere`);
      const levelOf = (response: Response): unknown => debug.lines().find((line) => line.reqId === response.headers.get('x-request-id') && line.msg === 'request')?.level;
      expect([levelOf(health), levelOf(missing)]).to.deep.equal([20, 30]);
    } finally {
      await quiet.stop();
    }
  });

  it('says in the line whether the reply was replayed and whether the text was cut', async () => {
    const form = whatsappForm(`where are you ${'and more '.repeat(300)}`);
    const first = await postSigned(`${server.baseUrl}/bot`, form);
    const again = await postSigned(`${server.baseUrl}/bot`, form);
    const lineOf = (response: Response) => log.lines().find((line) => line.reqId === response.headers.get('x-request-id') && line.msg === 'request')!;
    expect(lineOf(first)).to.include({ replayed: false, truncated: true, messages: 1, status: 200 });
    expect(lineOf(again)).to.include({ replayed: true, truncated: false });
    expect(lineOf(first).latencyMs).to.be.a('number').and.at.least(0);
  });
});
