import { expect } from 'chai';
import Koa from 'koa';
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { replayGuard } from '../../../src/channels/twilio/replay-guard';
import { sendReply } from '../../../src/channels/twilio/send-reply';
import { logRequests } from '../../../src/http/log-requests';
import { readForm } from '../../../src/http/read-form';
import { openMessageLog, type MessageLog } from '../../../src/store/message-log';
import { captureLog } from '../../helpers/log-capture';
import { logRowsFor } from '../../helpers/message-log-file';
import { twimlMessages } from '../../helpers/server';
import { makeTempDir } from '../../helpers/temp-dir';

/** What the answering step behind the guard does for one request: answer after `delayMs`, or throw. */
type Behaviour = { delayMs: number; fail?: boolean };

describe('replayGuard (real Koa app with a slow answering step)', () => {
  const dir = makeTempDir();
  let log: MessageLog;
  let server: Server;
  let url: string;
  let answered = 0;
  const behaviours: Behaviour[] = [];
  const requestLog = captureLog();
  before(async () => {
    log = openMessageLog(`${dir.path}/messages.sqlite`, { logger: captureLog().logger, flushDelayMs: 60_000 });
    const app = new Koa();
    app.silent = true;
    app.use(logRequests(requestLog.logger));
    for (const step of readForm(65_536)) app.use(step);
    app.use(replayGuard(log));
    // Stands for an answering step that awaits something (a lookup, a model): the window in which a second delivery arrives.
    app.use(async (ctx) => {
      const behaviour = behaviours.shift() ?? { delayMs: 0 };
      await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
      if (behaviour.fail === true) throw new Error('answering failed');
      answered++;
      sendReply(ctx, { messages: [`answer #${answered}`], answerId: null, score: 0, fallback: 'test', text: 'hello' });
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await log.close();
    dir.cleanup();
  });
  beforeEach(() => {
    answered = 0;
    behaviours.length = 0;
  });

  /** The request log's word on each request: whether its reply was a replay. */
  const replayedFlags: { messageSid: string; replayed: unknown }[] = [];
  const post = async (messageSid: string): Promise<{ status: number; messages: string[] }> => {
    const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ MessageSid: messageSid, From: 'whatsapp:+447700900123', Body: 'hello' }) });
    const text = await response.text();
    const line = requestLog.lines().find((entry) => entry.reqId === response.headers.get('x-request-id') && entry.msg === 'request');
    replayedFlags.push({ messageSid, replayed: line?.replayed });
    return { status: response.status, messages: response.status === 200 ? twimlMessages(text) : [] };
  };

  it('sends a delivery that arrives while the first is being answered exactly the first one\'s reply, answering once', async () => {
    behaviours.push({ delayMs: 150 });
    const first = post('SMrace1');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const [a, b, c] = await Promise.all([first, post('SMrace1'), post('SMrace1')]);
    expect([a, b, c]).to.deep.equal([{ status: 200, messages: ['answer #1'] }, { status: 200, messages: ['answer #1'] }, { status: 200, messages: ['answer #1'] }]);
    expect(answered).to.equal(1);
    // The deliveries that waited sent the first one's reply, and the request log says so.
    expect(replayedFlags.filter((entry) => entry.messageSid === 'SMrace1').map((entry) => entry.replayed).sort()).to.deep.equal([false, true, true]);
    log.flush();
    expect(logRowsFor(`${dir.path}/messages.sqlite`, 'SMrace1')).to.have.length(1);
  });

  it('lets one waiting delivery answer when the first one fails, and the others get that answer', async () => {
    behaviours.push({ delayMs: 150, fail: true }, { delayMs: 50 });
    const first = post('SMrace2');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const [a, b, c] = await Promise.all([first, post('SMrace2'), post('SMrace2')]);
    expect(a.status).to.equal(500);
    expect([b, c]).to.deep.equal([{ status: 200, messages: ['answer #1'] }, { status: 200, messages: ['answer #1'] }]);
    expect(answered).to.equal(1);
  });

  it('replays a MessageSid whose record is still queued, without answering again', async () => {
    await post('SMqueued');
    expect(log.queued).to.be.greaterThan(0);
    expect(await post('SMqueued')).to.deep.equal({ status: 200, messages: ['answer #1'] });
    expect(answered).to.equal(1);
  });

  it('answers every delivery without a MessageSid afresh (nothing to recognise a redelivery by), and records each', async () => {
    const before = log.queued;
    const plain = async (): Promise<string[]> => {
      const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ MessageSid: '', From: 'whatsapp:+447700900123', Body: 'hello' }) });
      return twimlMessages(await response.text());
    };
    expect([await plain(), await plain()]).to.deep.equal([['answer #1'], ['answer #2']]);
    expect(log.queued - before).to.equal(2);
  });

  it('records an empty sender for a delivery without From (possible only where signatures are not checked)', async () => {
    await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ MessageSid: 'SMnofrom', Body: 'hello' }) });
    log.flush();
    expect(logRowsFor(`${dir.path}/messages.sqlite`, 'SMnofrom').map((row) => row.sender)).to.deep.equal(['']);
  });

  it('records nothing for a delivery that failed, so a redelivery is answered', async () => {
    behaviours.push({ delayMs: 0, fail: true });
    expect((await post('SMfailed')).status).to.equal(500);
    expect(await post('SMfailed')).to.deep.equal({ status: 200, messages: ['answer #1'] });
  });
});

