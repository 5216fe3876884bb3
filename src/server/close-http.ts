import { type Server } from 'node:http';

/** How often connections that became idle after their last response are closed while shutting down. */
const IDLE_SWEEP_MS = 50;

/** Stops accepting connections, lets requests in flight finish, and after `timeoutMs` closes whatever is still open; `forced` says whether it had to. */
export function closeHttpServer(server: Server, timeoutMs: number): Promise<{ forced: boolean }> {
  return new Promise((resolve) => {
    let forced = false;
    // A keep-alive connection whose request finishes after close() began would otherwise idle until keepAliveTimeout.
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    const deadline = setTimeout(() => {
      forced = true;
      server.closeAllConnections();
    }, timeoutMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve({ forced });
    });
    server.closeIdleConnections();
  });
}
