/** A command could not do its work on the shared database (DATABASE_URL); the message says what was done and what to do. */
export class SharedDatabaseError extends Error {
  constructor(what: string, cause: unknown, hint: string) {
    super(`${what}: ${cause instanceof Error ? cause.message : String(cause)}. ${hint}`);
    this.name = 'SharedDatabaseError';
  }
}
