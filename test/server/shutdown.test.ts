import Database from 'better-sqlite3';
import { expect } from 'chai';
import { type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { reindex } from '../../src/index/reindex';
import { BAKERY_CSV } from '../helpers/fixtures';
import { collect, jsonLines, spawnCli, waitForExit } from '../helpers/cli-process';
import { TEST_AUTH_TOKEN, testEnv, twimlMessages, whatsappForm } from '../helpers/server';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

const HOURS = 'We are open 7am to 6pm Monday to Saturday, and 8am to 1pm on Sunday.';

/** A signed webhook request whose body is sent in two parts, so it is in flight for as long as the test wants. */
function startSlowRequest(url: string, form: Record<string, string>): { finish: () => void; response: Promise<{ status: number; body: string }> } {
  const body = new URLSearchParams(form).toString();
  const headers = {
    'Content-Type': 'application/x-www-form-urlencoded',
    'Content-Length': String(Buffer.byteLength(body)),
    'X-Twilio-Signature': getExpectedTwilioSignature(TEST_AUTH_TOKEN, url, form),
  };
  let finish = (): void => undefined;
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', headers }, (res) => {
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

  it('exits within SHUTDOWN_TIMEOUT_MS when a request never finishes, cutting it off', async () => {
    const { child: server, log, url } = await serve({ SHUTDOWN_TIMEOUT_MS: '500' });
    const stuck = startSlowRequest(`${url}/bot`, whatsappForm('when do you open'));
    stuck.response.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    server.kill('SIGTERM');
    const exit = await waitForExit(server, 5000);
    expect(exit.code).to.equal(1);
    expect(exit.afterMs).to.be.within(400, 2000);
    expect(log.lines.some((line) => line.msg === 'requests still open after SHUTDOWN_TIMEOUT_MS were cut off')).to.equal(true);
    expect(existsSync(`${dir.path}/messages.sqlite-wal`)).to.equal(false);
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
