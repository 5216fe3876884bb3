/** The message log file cannot be used as one (a directory, a text file, another program's database, locked); says what to do. */
export class MessageLogError extends Error {
  /** Path of the message log concerned. */
  readonly path: string;

  constructor(path: string, problem: string, fix: string) {
    super(`Message log ${path}: ${problem}. ${fix}`);
    this.name = 'MessageLogError';
    this.path = path;
  }
}
