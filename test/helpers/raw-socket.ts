import { connect, type Socket } from 'node:net';

/** A client on a raw socket that reports when the server closes it. */
export interface TestSocket {
  readonly socket: Socket;
  closed: boolean;
  /** Writes one more byte of a slow request every `everyMs`, until closed. */
  trickle(text: string, everyMs: number): void;
}

/** Opens a raw TCP connection to the server at `url`. */
export function openSocket(url: string): Promise<TestSocket> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    const client: TestSocket = {
      socket,
      closed: false,
      trickle(text, everyMs) {
        let at = 0;
        const timer = setInterval(() => {
          if (client.closed) return clearInterval(timer);
          socket.write(text.charAt(at++ % text.length));
        }, everyMs);
        socket.once('close', () => clearInterval(timer));
      },
    };
    socket.on('error', () => undefined);
    socket.once('close', () => (client.closed = true));
    socket.once('connect', () => resolve(client));
    socket.once('error', reject);
  });
}
