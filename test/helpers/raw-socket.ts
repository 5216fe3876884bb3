import { connect, type Socket } from 'node:net';

/** A client on a raw socket that reports when the server closes it. */
export interface TestSocket {
  readonly socket: Socket;
  closed: boolean;
  /** What the server sent (a 408 before it closes a slow or silent connection, when Node's request check closes it). */
  received: string;
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
      received: '',
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
    // Read everything: a socket whose bytes are left unread never ends, so a server that sends a 408 and closes would look like one that holds the connection.
    socket.on('data', (chunk: Buffer) => (client.received += chunk.toString('latin1')));
    socket.once('close', () => (client.closed = true));
    socket.once('connect', () => resolve(client));
    socket.once('error', reject);
  });
}
