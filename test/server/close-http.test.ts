import { expect } from 'chai';
import { Agent, createServer, request, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { trackConnections, type HttpCloser } from '../../src/server/close-http';
import { waitUntil } from '../helpers/cli-process';

/** A real HTTP server on an ephemeral port whose handler never answers: the app is "busy" for as long as the test wants. */
async function hangingServer(): Promise<{ server: Server; closer: HttpCloser; url: string; received: () => number }> {
  let received = 0;
  const server = createServer(() => void received++);
  const closer = trackConnections(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, closer, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/bot`, received: () => received };
}

/** How many timers are holding the process open. */
const activeTimers = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

/** Sends a POST whose body is `sent` of `declared` bytes, and swallows the error when the server cuts it. */
function post(url: string, declared: number, sent: number): void {
  const req = request(url, { method: 'POST', headers: { 'Content-Length': String(declared) }, agent: false });
  req.on('error', () => undefined);
  req.write('x'.repeat(sent));
  if (sent === declared) req.end();
}

describe('trackConnections', () => {
  it('reports forced when a request received in full is still being answered at the deadline', async () => {
    const { closer, url } = await hangingServer();
    post(url, 10, 10);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    expect(await closer.close(200)).to.deep.equal({ forced: true, stalled: 0 });
    expect(Date.now() - started).to.be.within(150, 1000);
  });

  it('counts a request whose body is still arriving at the deadline as stalled, not forced', async () => {
    const { closer, url } = await hangingServer();
    post(url, 10, 3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await closer.close(200)).to.deep.equal({ forced: false, stalled: 1 });
  });

  it('reports forced and counts every stalled client when both kinds are open at the deadline', async () => {
    const { closer, url, received } = await hangingServer();
    post(url, 10, 10);
    post(url, 10, 3);
    post(url, 10, 5);
    await waitUntil(() => received() === 3, 5000, 'the three requests to reach the app');
    expect(await closer.close(200)).to.deep.equal({ forced: true, stalled: 2 });
  });

  it('leaves no timer behind once closed, so nothing keeps the process alive', async () => {
    const { closer } = await hangingServer();
    const before = activeTimers();
    expect(await closer.close(5000)).to.deep.equal({ forced: false, stalled: 0 });
    expect(activeTimers()).to.equal(before);
  });

  it('keeps a pipelined request in flight when the answer before it on the same connection is sent', async () => {
    // The app answers when the test says so.
    const waiting: ServerResponse[] = [];
    const server = createServer((_request, response) => void waiting.push(response));
    const closer = trackConnections(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
    client.on('error', () => undefined);
    let received = '';
    client.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    // Two requests in one write: Node hands both to the app before the first is answered.
    client.write('GET /one HTTP/1.1\r\nHost: x\r\n\r\nGET /two HTTP/1.1\r\nHost: x\r\n\r\n');
    await waitUntil(() => waiting.length === 2, 5000, 'both pipelined requests');
    const closed = closer.close(10_000);
    waiting[0]!.end('one');
    await waitUntil(() => received.includes('one'), 5000, 'the first answer');
    // Several sweeps of idle connections pass while the second request is still being answered.
    await new Promise((resolve) => setTimeout(resolve, 200));
    waiting[1]!.end('two');
    expect(await closed).to.deep.equal({ forced: false, stalled: 0 });
    expect(received.match(/HTTP\/1\.1 200 OK/g)).to.have.length(2);
    expect(received).to.match(/one[\s\S]*two$/);
    client.destroy();
  });

  it('closes connections without a request at once, so closing an idle server takes no time', async () => {
    const { closer, url } = await hangingServer();
    const { port } = new URL(url);
    const idle = await new Promise<Socket>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => resolve(socket));
    });
    idle.on('error', () => undefined);
    const started = Date.now();
    expect(await closer.close(5000)).to.deep.equal({ forced: false, stalled: 0 });
    expect(Date.now() - started).to.be.below(500);
  });

  it('closes a keep-alive connection as soon as the answer on it is sent, not when it would idle out', async () => {
    // The app answers when the test says so.
    const waiting: ServerResponse[] = [];
    const server = createServer((_request, response) => void waiting.push(response));
    const closer = trackConnections(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = (): Promise<number> =>
      new Promise((resolve, reject) => {
        request(`http://127.0.0.1:${port}/`, { agent }, (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        })
          .on('error', reject)
          .end();
      });
    try {
      // The first answer leaves the connection open and idle (keep-alive); the second request on it is in flight when closing starts.
      const first = get();
      await waitUntil(() => waiting.length === 1, 5000, 'the first request');
      waiting[0]!.end('one');
      expect(await first).to.equal(200);
      const second = get();
      await waitUntil(() => waiting.length === 2, 5000, 'the second request');
      const closed = closer.close(10_000);
      waiting[1]!.end('two');
      expect(await second).to.equal(200);
      const answered = Date.now();
      expect(await closed).to.deep.equal({ forced: false, stalled: 0 });
      // Node itself would keep the idle keep-alive connection for 5 s.
      expect(Date.now() - answered).to.be.below(2500);
    } finally {
      agent.destroy();
    }
  });
});
