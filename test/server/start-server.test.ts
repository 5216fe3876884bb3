import Database from 'better-sqlite3';
import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { rmSync, utimesSync } from 'node:fs';
import { ConfigError, readConfig } from '../../src/config/config';
import { loadIndex } from '../../src/index/load-index';
import { reindex } from '../../src/index/reindex';
import { startServer } from '../../src/server/start-server';
import { captureLog } from '../helpers/log-capture';
import { logRowsFor } from '../helpers/message-log-file';
import { postSigned, startTestServer, testEnv, twimlMessages, whatsappForm, type TestServer } from '../helpers/server';
import { startWebhookReceiver } from '../helpers/webhook-receiver';
import { openReplica } from '../../src/postgres/replica';
import { createTestDatabase, LOCAL_SERVER, query } from '../helpers/postgres';
import { waitUntil } from '../helpers/cli-process';
import { BAKERY_CSV } from '../helpers/fixtures';
import { killIfRunning, startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { openSocket, type TestSocket } from '../helpers/raw-socket';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

const HOURS = 'We are open 7am to 6pm Monday to Saturday, and 8am to 1pm on Sunday.';

/** The start of a webhook request, sent one byte at a time by a slow client. */
const SLOW_REQUEST = 'POST /bot HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nX-Twilio-Signature: abc\r\n';

/** All Node sends before it closes a connection whose request did not arrive in time. */
const REQUEST_TIMEOUT_ANSWER = 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n';

describe('the HTTP server limits (real `faqbot serve` process)', function () {
  this.timeout(60_000);
  let dir: TempDir;
  let serve: ServeProcess | undefined;
  let sockets: TestSocket[] = [];
  beforeEach(() => {
    dir = makeTempDir();
    dir.write('corpus/faq.csv', BAKERY_CSV);
    reindex(`${dir.path}/corpus`, `${dir.path}/index.sqlite`);
    sockets = [];
  });
  afterEach(() => {
    for (const client of sockets) client.socket.destroy();
    killIfRunning(serve?.child);
    dir.cleanup();
  });

  it('disconnects clients that send a request slowly or send nothing within REQUEST_TIMEOUT_MS, and keeps answering others', async () => {
    serve = await startServeProcess(dir.path, { REQUEST_TIMEOUT_MS: '1000' });
    const slow = await Promise.all(Array.from({ length: 50 }, () => openSocket(serve!.url)));
    for (const client of slow) client.trickle(SLOW_REQUEST, 100);
    const silent = await Promise.all(Array.from({ length: 10 }, () => openSocket(serve!.url)));
    sockets = [...slow, ...silent];
    expect((await fetch(`${serve.url}/health`)).status).to.equal(200);
    await waitUntil(() => sockets.every((client) => client.closed), 4000, 'the server to close all 60 slow and silent connections');
    expect((await fetch(`${serve.url}/health`)).status).to.equal(200);
  });

  it('holds at most MAX_CONNECTIONS connections, closing the ones over it on arrival', async () => {
    serve = await startServeProcess(dir.path, { MAX_CONNECTIONS: '20' });
    sockets = await Promise.all(Array.from({ length: 30 }, () => openSocket(serve!.url)));
    await waitUntil(() => sockets.filter((client) => client.closed).length === 10, 2000, '10 connections over the cap to be closed');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sockets.filter((client) => client.closed)).to.have.length(10);
    for (const client of sockets) client.socket.destroy();
    await waitUntil(async () => (await fetch(`${serve!.url}/health`).catch(() => ({ status: 0 }))).status === 200, 2000, 'a new connection to be accepted');
  });
});

describe('startServer (the real server in this process)', function () {
  this.timeout(30_000);
  let server: TestServer | undefined;
  let sockets: TestSocket[] = [];
  afterEach(async () => {
    for (const client of sockets) client.socket.destroy();
    sockets = [];
    await server?.stop();
    server = undefined;
  });

  it('binds an ephemeral port when PORT=0, and answers /health with the index it serves', async () => {
    server = await startTestServer();
    expect(server.running.port).to.be.above(0);
    const health = (await (await fetch(`${server.baseUrl}/health`)).json()) as { status: string; index: { answers: number; questions: number } };
    expect(health).to.deep.include({ status: 'ok' });
    expect(health.index).to.include({ answers: 5, questions: 16 });
  });

  it('closes connections over MAX_CONNECTIONS on arrival', async () => {
    server = await startTestServer(undefined, { MAX_CONNECTIONS: '3' });
    sockets = await Promise.all(Array.from({ length: 5 }, () => openSocket(server!.baseUrl)));
    await waitUntil(() => sockets.filter((client) => client.closed).length === 2, 2000, 'the 2 connections over the cap to be closed');
    expect(sockets.slice(0, 3).every((client) => !client.closed)).to.equal(true);
  });

  it('disconnects a client that sends its request too slowly, or sends nothing, within REQUEST_TIMEOUT_MS, and keeps answering others', async () => {
    server = await startTestServer(undefined, { REQUEST_TIMEOUT_MS: '1000' });
    const slow = await openSocket(server.baseUrl);
    slow.trickle(SLOW_REQUEST, 50);
    const silent = await openSocket(server.baseUrl);
    sockets = [slow, silent];
    // Node's own limits would hold both for a minute or more.
    await waitUntil(() => slow.closed && silent.closed, 5000, 'the server to close the slow and the silent connection');
    // Two clocks reach the silent one at REQUEST_TIMEOUT_MS: the inactivity timeout closes it without a word, and Node's
    // request check (its clock starts with the connection; run every 250 ms) sends a 408 and closes it. Either may be first.
    expect(['', REQUEST_TIMEOUT_ANSWER]).to.include(silent.received);
    expect((await fetch(`${server.baseUrl}/health`)).status).to.equal(200);
  });

  it('matches with MATCH_THRESHOLD when set: at 1 only a perfect match is answered', async () => {
    const strict = await startTestServer(undefined, { MATCH_THRESHOLD: '1' });
    try {
      server = await startTestServer();
      const ask = async (at: TestServer): Promise<string[]> => twimlMessages(await (await postSigned(`${at.baseUrl}/bot`, whatsappForm('when does the shop open'))).text());
      expect(await ask(server)).to.deep.equal([HOURS]);
      expect(await ask(strict)).to.have.length(1).and.not.include(HOURS);
    } finally {
      await strict.stop();
    }
  });

  it('reports on /health whether the corpus changed after the index was built, and counts a corpus it cannot read as changed', async () => {
    server = await startTestServer();
    const stale = async (): Promise<boolean> => ((await (await fetch(`${server!.baseUrl}/health`)).json()) as { corpus: { stale: boolean } }).corpus.stale;
    expect(await stale()).to.equal(false);
    const later = new Date(Date.now() + 60_000);
    utimesSync(`${server.dir.path}/corpus/faq.csv`, later, later);
    expect(await stale()).to.equal(true);
    rmSync(`${server.dir.path}/corpus`, { recursive: true });
    expect(await stale()).to.equal(true);
  });

  it('has no hand-off notifier without HANDOFF_WEBHOOK_URL, and with it posts a hand-off signed with HANDOFF_WEBHOOK_SECRET, with the sender\'s last messages', async () => {
    server = await startTestServer();
    expect(server.running.handoffNotifier).to.equal(null);
    await server.stop();
    server = undefined;

    const receiver = await startWebhookReceiver();
    const secret = 'handoff-secret-0123456789';
    try {
      server = await startTestServer(undefined, { HANDOFF_WEBHOOK_URL: receiver.url, HANDOFF_WEBHOOK_SECRET: secret });
      expect(server.running.handoffNotifier).to.not.equal(null);
      const from = { From: 'whatsapp:+447700900555', WaId: '447700900555' };
      await postSigned(`${server.baseUrl}/bot`, whatsappForm('when do you open', from));
      await server.running.messageLog.flush();
      await postSigned(`${server.baseUrl}/bot`, whatsappForm('talk to a human', from));
      const request = await receiver.waitFor(1, 10_000);
      expect(request.headers['x-faqbot-signature']).to.equal(`sha256=${createHmac('sha256', secret).update(request.rawBody).digest('hex')}`);
      const payload = JSON.parse(request.rawBody.toString('utf8')) as { event: string; sender: string; messages: { body: string }[] };
      expect(payload).to.include({ event: 'handoff', sender: '+447700900555' });
      expect(payload.messages.map((message) => message.body)).to.include('when do you open');
    } finally {
      await server?.stop();
      server = undefined;
      await receiver.close();
    }
  });

  it('on close drops a hand-off notification still waiting for a retry, and says so', async () => {
    const receiver = await startWebhookReceiver();
    receiver.status = 503;
    const log = captureLog();
    try {
      server = await startTestServer(undefined, { HANDOFF_WEBHOOK_URL: receiver.url, HANDOFF_WEBHOOK_SECRET: 'handoff-secret-0123456789' }, log.logger);
      await postSigned(`${server.baseUrl}/bot`, whatsappForm('talk to a human'));
      await waitUntil(() => log.lines().some((line) => line.msg === 'hand-off notification failed; retrying'), 10_000, 'the first attempt to fail');
      await server.running.close();
      expect(log.lines().find((line) => line.msg === 'shutting down with hand-off notifications waiting for a retry; they are not sent')).to.include({ notifications: 1 });
    } finally {
      await server?.stop();
      server = undefined;
      await receiver.close();
    }
  });

  it('on close writes the queued messages to the message log, and a second close returns the same result', async () => {
    server = await startTestServer();
    const form = whatsappForm('when do you open');
    await postSigned(`${server.baseUrl}/bot`, form);
    const closing = server.running.close();
    expect(server.running.close()).to.equal(closing);
    expect(await closing).to.deep.equal({ forced: false, stalled: 0 });
    expect(logRowsFor(server.config.messageLogPath, form.MessageSid!)).to.have.length(1);
  });

  it('refuses a port already in use, and leaves the message log closed and writable by the next server', async () => {
    server = await startTestServer();
    const dir = makeTempDir();
    try {
      dir.write('corpus/faq.csv', BAKERY_CSV);
      const config = readConfig(testEnv(dir.path, { PORT: String(server.running.port) }));
      reindex(config.corpusDir, config.dbPath);
      let failure: unknown;
      await startServer(config, loadIndex(config.dbPath), captureLog().logger).catch((error: unknown) => (failure = error));
      expect(failure).to.have.property('code', 'EADDRINUSE');
      // Closed, so another process can take the log's write lock at once.
      const log = new Database(config.messageLogPath);
      log.exec('BEGIN EXCLUSIVE; COMMIT');
      log.close();
    } finally {
      dir.cleanup();
    }
  });

  it('refuses an index and a message log that are one file, before opening either', async () => {
    const dir = makeTempDir();
    try {
      const same = `${dir.path}/same.sqlite`;
      let failure: unknown;
      await startTestServer(undefined, { MESSAGE_LOG: same, FAQBOT_DB: same }).catch((error: unknown) => (failure = error));
      expect(failure).to.be.instanceOf(ConfigError);
      expect((failure as ConfigError).problems).to.deep.equal([
        `FAQBOT_DB (or --db) and MESSAGE_LOG both name ${same}: reindex replaces the index file whole, so the message log must be another file; give them different paths`,
      ]);
      // The index was built there, and the server opened no message log over it.
      expect(new Database(same, { readonly: true }).prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'messages'").get()).to.deep.equal({ n: 0 });
    } finally {
      dir.cleanup();
    }
  });
});

describe('startServer with a replica (real PostgreSQL, the server in this process)', function () {
  this.timeout(60_000);

  it('records into the shared database, reports it on /health without calling the corpus stale, and closes the replica on close', async () => {
    const database = await createTestDatabase();
    const dir = makeTempDir();
    try {
      dir.write('corpus/faq.csv', BAKERY_CSV);
      const config = readConfig(testEnv(dir.path, { DATABASE_URL: database.url }));
      reindex(config.corpusDir, config.dbPath);
      const logger = captureLog().logger;
      const replica = await openReplica(config, logger, database.url);
      const running = await startServer(config, loadIndex(config.dbPath), logger, { replica });
      const form = whatsappForm('when do you open');
      try {
        expect([running.messageLog, running.stateStore]).to.deep.equal([replica.messageLog, replica.stateStore]);
        // A replica serves what was published; its own corpus folder changing says nothing about that.
        const later = new Date(Date.now() + 60_000);
        utimesSync(`${dir.path}/corpus/faq.csv`, later, later);
        const health = (await (await fetch(`http://127.0.0.1:${running.port}/health`)).json()) as { state: string; database: { state: string }; corpus: { stale: boolean } };
        expect([health.state, health.database.state, health.corpus.stale]).to.deep.equal(['ok', 'ok', false]);
        const reply = await postSigned(`http://127.0.0.1:${running.port}/bot`, form);
        expect(twimlMessages(await reply.text())).to.deep.equal([HOURS]);
        // The shared rate limiter counted the message.
        expect(await query(database.url, 'SELECT count(*)::int AS n FROM rate_windows')).to.deep.equal([{ n: 1 }]);
      } finally {
        await running.close();
      }
      // close() wrote the message to the shared log and closed the replica's connections.
      expect(await query(database.url, 'SELECT body FROM messages WHERE message_sid = $1', [form.MessageSid])).to.deep.equal([{ body: 'when do you open' }]);
      const sessions = async (): Promise<number> =>
        (await query<{ n: number }>(`${LOCAL_SERVER}/postgres`, 'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [database.name]))[0]!.n;
      await waitUntil(async () => (await sessions()) === 0, 5000, "the replica's connections to close");
    } finally {
      dir.cleanup();
      await database.drop();
    }
  });
});
