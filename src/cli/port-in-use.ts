/** The port serve was told to listen on is taken; exits 1 with what to do instead of a stack trace. */
export class PortInUseError extends Error {
  constructor(readonly port: number, host: string) {
    super(`port ${port} on ${host} is already in use (another faqbot serve, or another program); stop it, or choose a free port with --port N or PORT=N`);
    this.name = 'PortInUseError';
  }
}

/** True for the error Node gives when a listen address is taken. */
export function isAddressInUse(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'EADDRINUSE';
}
