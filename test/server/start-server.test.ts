import { expect } from 'chai';
import { reindex } from '../../src/index/reindex';
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
