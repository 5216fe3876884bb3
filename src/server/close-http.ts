import { type IncomingMessage, type Server } from 'node:http';
import { type Socket } from 'node:net';

/** How often, while shutting down, connections whose request has been answered are closed. */
const SWEEP_MS = 50;

/** How a shutdown of the HTTP server went. */
export interface CloseResult {
  /** Requests received in full and still being answered at the deadline were cut off. */
  readonly forced: boolean;
  /** Requests still arriving at the deadline (a slow or stalled client), closed without counting as forced. */
  readonly stalled: number;
}

/** Closes a server gracefully; it must be created before the server accepts its first connection. */
export interface HttpCloser {
  /**
   * Stops accepting connections and closes at once every one without a request in progress (idle keep-alive ones,
   * and clients still sending headers); waits for the requests in progress, closing each connection as its answer
   * is sent, and after `timeoutMs` closes whatever is left.
   */
  close(timeoutMs: number): Promise<CloseResult>;
}

/** Follows each connection and the request on it, which Node's own idle/active split cannot tell apart from a client still sending headers. */
export function trackConnections(server: Server): HttpCloser {
  const sockets = new Set<Socket>();
  // A socket is here from the moment its request's headers are complete until its response closes.
  const requests = new Map<Socket, IncomingMessage>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => {
      sockets.delete(socket);
      requests.delete(socket);
    });
  });
  server.on('request', (request: IncomingMessage, response) => {
    requests.set(request.socket, request);
    response.once('close', () => {
      if (requests.get(request.socket) === request) requests.delete(request.socket);
    });
  });
  // Nothing is lost by closing these: no request on them has reached the app.
  const closeWaiting = (): void => {
    for (const socket of sockets) if (!requests.has(socket)) socket.destroy();
  };

  return {
    close(timeoutMs) {
      return new Promise((resolve) => {
        let result: CloseResult = { forced: false, stalled: 0 };
        const sweep = setInterval(closeWaiting, SWEEP_MS);
        const deadline = setTimeout(() => {
          const open = [...requests.values()];
          // `complete`: the whole request arrived, so the app was answering it; otherwise the client had not finished sending.
          result = { forced: open.some((request) => request.complete), stalled: open.filter((request) => !request.complete).length };
          server.closeAllConnections();
          for (const socket of sockets) socket.destroy();
        }, timeoutMs);
        server.close(() => {
          clearInterval(sweep);
          clearTimeout(deadline);
          resolve(result);
        });
        closeWaiting();
      });
    },
  };
}
