import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/log/logger';

/** A logger whose JSON lines are kept in memory, to assert what the server logs. */
export interface CapturedLog {
  readonly logger: Logger;
  /** Every line written so far, as raw text. */
  readonly raw: () => string;
  /** Every line written so far, parsed. */
  readonly lines: () => Record<string, unknown>[];
}

/** Creates a logger at `level` that writes into memory. */
export function captureLog(level = 'info'): CapturedLog {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const raw = (): string => chunks.join('');
  return {
    logger: createLogger(level, stream),
    raw,
    lines: () =>
      raw()
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
