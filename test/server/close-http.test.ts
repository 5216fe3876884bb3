import { expect } from 'chai';
import { createServer, request, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { trackConnections, type HttpCloser } from '../../src/server/close-http';

/** A real HTTP server on an ephemeral port whose handler never answers: the app is "busy" for as long as the test wants. */
async function hangingServer(): Promise<{ server: Server; closer: HttpCloser; url: string }> {
  const server = createServer(() => undefined);
  const closer = trackConnections(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, closer, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/bot` };
}

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
});
