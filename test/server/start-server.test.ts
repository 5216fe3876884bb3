import Database from 'better-sqlite3';
import { expect } from 'chai';
import { ConfigError, readConfig } from '../../src/config/config';
import { loadIndex } from '../../src/index/load-index';
import { reindex } from '../../src/index/reindex';
import { startServer } from '../../src/server/start-server';
import { captureLog } from '../helpers/log-capture';
import { logRowsFor } from '../helpers/message-log-file';
import { postSigned, startTestServer, testEnv, whatsappForm, type TestServer } from '../helpers/server';
import { waitUntil } from '../helpers/cli-process';
import { BAKERY_CSV } from '../helpers/fixtures';
import { killIfRunning, startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { openSocket, type TestSocket } from '../helpers/raw-socket';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

/** The start of a webhook request, sent one byte at a time by a slow client. */
const SLOW_REQUEST = 'POST /bot HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nX-Twilio-Signature: abc\r\n';

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
