import Database from 'better-sqlite3';
import { expect } from 'chai';
import { EventEmitter } from 'node:events';
import { type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { reindex } from '../../src/index/reindex';
import { exitCode, exitOnSignals } from '../../src/server/shutdown';
import { BAKERY_CSV } from '../helpers/fixtures';
import { collect, jsonLines, spawnCli, waitForExit } from '../helpers/cli-process';
import { captureLog } from '../helpers/log-capture';
import { TEST_AUTH_TOKEN, testEnv, twimlMessages, whatsappForm } from '../helpers/server';
import { openSocket } from '../helpers/raw-socket';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

const HOURS = 'We are open 7am to 6pm Monday to Saturday, and 8am to 1pm on Sunday.';

/** A signed webhook request whose body is sent in two parts, so it is in flight for as long as the test wants. */
function startSlowRequest(url: string, form: Record<string, string>, agent?: Agent): { finish: () => void; response: Promise<{ status: number; body: string }> } {
  const body = new URLSearchParams(form).toString();
  const headers = {
    'Content-Type': 'application/x-www-form-urlencoded',
    'Content-Length': String(Buffer.byteLength(body)),
    'X-Twilio-Signature': getExpectedTwilioSignature(TEST_AUTH_TOKEN, url, form),
  };
  let finish = (): void => undefined;
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', headers, ...(agent === undefined ? {} : { agent }) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
    request.write(body.slice(0, 20));
    finish = () => void request.end(body.slice(20));
  });
  return { finish, response };
}

describe('graceful shutdown (real `faqbot serve` process)', function () {
  this.timeout(30_000);
  let dir: TempDir;
  let child: ChildProcess | undefined;
  beforeEach(() => {
    dir = makeTempDir();
    dir.write('corpus/faq.csv', BAKERY_CSV);
    reindex(`${dir.path}/corpus`, `${dir.path}/index.sqlite`);
  });
  afterEach(() => {
    if (child !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    dir.cleanup();
  });

  const serve = async (env: NodeJS.ProcessEnv) => {
    child = spawnCli(['serve'], testEnv(dir.path, { LOG_LEVEL: 'info', ...env }), dir.path);
    const log = jsonLines(child);
    const listening = await log.waitFor((line) => typeof line.port === 'number', 20_000);
    return { child, log, url: `http://127.0.0.1:${listening.port as number}` };
  };

  it('on SIGTERM stops accepting, finishes the request in flight, closes the message log and exits 0', async () => {
    const { child: server, log, url } = await serve({ SHUTDOWN_TIMEOUT_MS: '5000' });
    const form = whatsappForm('when do you open');
    const slow = startSlowRequest(`${url}/bot`, form);
    await new Promise((resolve) => setTimeout(resolve, 100));
    server.kill('SIGTERM');
    await log.waitFor((line) => line.msg === 'shutting down: no new connections, finishing requests in flight', 5000);

    let refused: unknown;
    await fetch(`${url}/health`).catch((error: unknown) => (refused = error));
    expect(refused, 'a new connection after SIGTERM').to.be.instanceOf(Error);

    slow.finish();
    const response = await slow.response;
    expect(response.status).to.equal(200);
    expect(twimlMessages(response.body)).to.deep.equal([HOURS]);

    const exit = await waitForExit(server, 5000);
    expect([exit.code, exit.signal]).to.deep.equal([0, null]);
    expect(log.lines.find((line) => line.msg === 'stopped')).to.include({ forced: false });
    // The WAL file goes away only when SQLite was closed cleanly; the answered message is in the log.
    expect(existsSync(`${dir.path}/messages.sqlite-wal`)).to.equal(false);
    const db = new Database(`${dir.path}/messages.sqlite`, { readonly: true });
    expect(db.prepare('SELECT body FROM messages WHERE message_sid = ?').get(form.MessageSid)).to.deep.equal({ body: 'when do you open' });
    db.close();
  });

  it('closes a request whose body never finishes arriving at SHUTDOWN_TIMEOUT_MS and exits 0: the client stalled, nothing answered was lost', async () => {
    const { child: server, log, url } = await serve({ SHUTDOWN_TIMEOUT_MS: '500' });
    const stuck = startSlowRequest(`${url}/bot`, whatsappForm('when do you open'));
    stuck.response.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    server.kill('SIGTERM');
    const exit = await waitForExit(server, 5000);
    expect(exit.code).to.equal(0);
    expect(exit.afterMs).to.be.within(400, 2000);
    expect(log.lines.find((line) => line.stalled !== undefined)).to.include({ stalled: 1 });
    expect(existsSync(`${dir.path}/messages.sqlite-wal`)).to.equal(false);
  });

  it('on SIGTERM closes at once 50 connections still sending their headers, and exits 0 long before SHUTDOWN_TIMEOUT_MS', async () => {
    const { child: server, url } = await serve({ SHUTDOWN_TIMEOUT_MS: '8000' });
    const slow = await Promise.all(Array.from({ length: 50 }, () => openSocket(url)));
    for (const client of slow) client.trickle('POST /bot HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ', 100);
    await new Promise((resolve) => setTimeout(resolve, 300));
    server.kill('SIGTERM');
    const exit = await waitForExit(server, 10_000);
    for (const client of slow) client.socket.destroy();
    expect([exit.code, exit.signal]).to.deep.equal([0, null]);
    expect(exit.afterMs).to.be.below(2000);
  });

  it('closes a keep-alive connection as soon as its request in flight is answered, instead of waiting for it to idle out', async () => {
    const { child: server, log, url } = await serve({ SHUTDOWN_TIMEOUT_MS: '8000' });
    const agent = new Agent({ keepAlive: true, keepAliveMsecs: 60_000 });
    const slow = startSlowRequest(`${url}/bot`, whatsappForm('when do you open'), agent);
    await new Promise((resolve) => setTimeout(resolve, 100));
    server.kill('SIGTERM');
    await log.waitFor((line) => line.msg === 'shutting down: no new connections, finishing requests in flight', 5000);
    slow.finish();
    expect((await slow.response).status).to.equal(200);
    const answered = Date.now();
    const exit = await waitForExit(server, 10_000);
    agent.destroy();
    expect([exit.code, exit.signal]).to.deep.equal([0, null]);
    // Node keeps an idle keep-alive connection for 5 s; the process must not wait for that.
    expect(Date.now() - answered).to.be.below(1500);
  });

  it('exits 1 at once on a second signal while waiting for a request in flight', async () => {
    const { child: server, log, url } = await serve({ SHUTDOWN_TIMEOUT_MS: '8000' });
    const stuck = startSlowRequest(`${url}/bot`, whatsappForm('when do you open'));
    stuck.response.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    server.kill('SIGTERM');
    await log.waitFor((line) => line.msg === 'shutting down: no new connections, finishing requests in flight', 5000);
    server.kill('SIGINT');
    const exit = await waitForExit(server, 5000);
    expect(exit.code).to.equal(1);
    expect(exit.afterMs).to.be.below(1500);
    expect(log.lines.some((line) => line.msg === 'second signal: exiting without waiting')).to.equal(true);
  });

  it('exits 0 at once on SIGINT when idle', async () => {
    const { child: server } = await serve({});
    server.kill('SIGINT');
    const exit = await waitForExit(server, 5000);
    expect(exit.code).to.equal(0);
    expect(exit.afterMs).to.be.below(1500);
  });

  it('refuses to start in production without TWILIO_AUTH_TOKEN, saying what to set', async () => {
    child = spawnCli(['serve'], testEnv(dir.path, { NODE_ENV: 'production', TWILIO_AUTH_TOKEN: '' }), dir.path);
    const stderr = collect(child.stderr!);
    const exit = await waitForExit(child, 20_000);
    expect(exit.code).to.equal(1);
    expect(stderr()).to.include('TWILIO_AUTH_TOKEN: required in production; copy it from the Twilio console');
  });
});

describe('exitOnSignals', () => {
  const neverCloses = (): Promise<never> => new Promise(() => undefined);

  it('exits 1 by the last-resort timer when closing hangs past the timeout', async () => {
    const signals = new EventEmitter();
    const codes: number[] = [];
    const log = captureLog();
    exitOnSignals({ close: neverCloses, timeoutMs: 50, lastResortMs: 100, logger: log.logger, exit: (code) => codes.push(code), signals });
    signals.emit('SIGTERM', 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(codes).to.deep.equal([]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(codes).to.deep.equal([1]);
    expect(log.lines().find((line) => line.msg === 'shutdown did not finish in time; exiting')).to.include({ timeoutMs: 50, level: 50 });
  });

  it('does not keep the process alive with its last-resort timer', () => {
    const signals = new EventEmitter();
    const before = process.getActiveResourcesInfo();
    exitOnSignals({ close: neverCloses, timeoutMs: 60_000, logger: captureLog().logger, exit: () => undefined, signals });
    signals.emit('SIGTERM', 'SIGTERM');
    expect(process.getActiveResourcesInfo()).to.deep.equal(before);
  });

  it('listens for SIGTERM and SIGINT on the process itself by default', async () => {
    const before = { SIGTERM: process.listeners('SIGTERM'), SIGINT: process.listeners('SIGINT') };
    const codes: number[] = [];
    exitOnSignals({ close: async () => ({ forced: false, stalled: 0 }), timeoutMs: 1000, logger: captureLog().logger, exit: (code) => codes.push(code) });
    const added = (signal: 'SIGTERM' | 'SIGINT') => process.listeners(signal).filter((listener) => !before[signal].includes(listener));
    const listeners = { SIGTERM: added('SIGTERM'), SIGINT: added('SIGINT') };
    try {
      expect([listeners.SIGTERM.length, listeners.SIGINT.length]).to.deep.equal([1, 1]);
      // Emitting the event calls the listeners as a real signal would, without sending one to the test process.
      process.emit('SIGTERM', 'SIGTERM');
      await new Promise((resolve) => setImmediate(resolve));
      expect(codes).to.deep.equal([0]);
    } finally {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) for (const listener of listeners[signal]) process.removeListener(signal, listener);
    }
  });

  it('exits 1 at once on a second signal, and 0 after a clean close', async () => {
    const signals = new EventEmitter();
    const codes: number[] = [];
    const log = captureLog();
    exitOnSignals({ close: neverCloses, timeoutMs: 10_000, logger: log.logger, exit: (code) => codes.push(code), signals });
    signals.emit('SIGTERM', 'SIGTERM');
    signals.emit('SIGINT', 'SIGINT');
    expect(codes).to.deep.equal([1]);
    expect(log.lines().at(-1)).to.include({ msg: 'second signal: exiting without waiting', signal: 'SIGINT', level: 40 });

    const clean = new EventEmitter();
    const cleanCodes: number[] = [];
    exitOnSignals({ close: async () => ({ forced: false, stalled: 2 }), timeoutMs: 10_000, logger: captureLog().logger, exit: (code) => cleanCodes.push(code), signals: clean });
    clean.emit('SIGINT', 'SIGINT');
    await new Promise((resolve) => setImmediate(resolve));
    expect(cleanCodes).to.deep.equal([0]);
  });

  it('exits 1 and says so when requests had to be cut off, and names the stalled clients it closed', async () => {
    const signals = new EventEmitter();
    const codes: number[] = [];
    const log = captureLog();
    exitOnSignals({ close: async () => ({ forced: true, stalled: 3 }), timeoutMs: 1500, logger: log.logger, exit: (code) => codes.push(code), signals });
    signals.emit('SIGTERM', 'SIGTERM');
    await new Promise((resolve) => setImmediate(resolve));
    expect(codes).to.deep.equal([1]);
    expect(log.lines().map(({ msg, signal, timeoutMs, stalled, forced }) => ({ msg, signal, timeoutMs, stalled, forced }))).to.deep.equal([
      { msg: 'shutting down: no new connections, finishing requests in flight', signal: 'SIGTERM', timeoutMs: 1500, stalled: undefined, forced: undefined },
      { msg: 'requests still open after SHUTDOWN_TIMEOUT_MS were cut off', signal: undefined, timeoutMs: 1500, stalled: undefined, forced: undefined },
      { msg: 'closed connections of clients still sending their request at SHUTDOWN_TIMEOUT_MS', signal: undefined, timeoutMs: undefined, stalled: 3, forced: undefined },
      { msg: 'stopped', signal: undefined, timeoutMs: undefined, stalled: undefined, forced: true },
    ]);
  });

  it('exits 0 after a clean close without a word about cut-off or stalled requests', async () => {
    const signals = new EventEmitter();
    const codes: number[] = [];
    const log = captureLog();
    exitOnSignals({ close: async () => ({ forced: false, stalled: 0 }), timeoutMs: 1000, logger: log.logger, exit: (code) => codes.push(code), signals });
    signals.emit('SIGINT', 'SIGINT');
    await new Promise((resolve) => setImmediate(resolve));
    expect(codes).to.deep.equal([0]);
    expect(log.lines().map((line) => line.msg)).to.deep.equal(['shutting down: no new connections, finishing requests in flight', 'stopped']);
  });

  it('exits 1 and logs the error when closing fails', async () => {
    const signals = new EventEmitter();
    const codes: number[] = [];
    const log = captureLog();
    exitOnSignals({ close: () => Promise.reject(new Error('disk gone')), timeoutMs: 1000, logger: log.logger, exit: (code) => codes.push(code), signals });
    signals.emit('SIGTERM', 'SIGTERM');
    await new Promise((resolve) => setImmediate(resolve));
    expect(codes).to.deep.equal([1]);
    const failed = log.lines().find((line) => line.msg === 'shutdown failed');
    expect((failed?.err as { message?: string } | undefined)?.message).to.equal('disk gone');
  });

  it('gives exit code 1 for an error or a forced close, 0 otherwise', () => {
    expect([exitCode({ forced: false }), exitCode({ forced: true }), exitCode(new Error('x'))]).to.deep.equal([0, 1, 1]);
  });

  it('waits the timeout and 2 s more by default before the last-resort exit', async () => {
    const signals = new EventEmitter();
    const codes: number[] = [];
    exitOnSignals({ close: () => new Promise(() => undefined), timeoutMs: 100, logger: captureLog().logger, exit: (code) => codes.push(code), signals });
    signals.emit('SIGTERM', 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(codes).to.deep.equal([]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(codes).to.deep.equal([1]);
  });
});
