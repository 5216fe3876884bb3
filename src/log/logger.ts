import pino from 'pino';

/** The structured logger every component writes to. */
export type Logger = pino.Logger;

/** Where log lines go: standard output, standard error, or any stream (tests capture lines this way). */
export type LogDestination = 'stdout' | 'stderr' | pino.DestinationStream;

/** Field paths censored wherever they appear, so the auth token cannot reach a log even if a config object is logged whole. */
const REDACTED = ['authToken', '*.authToken', 'twilioAuthToken', '*.twilioAuthToken', 'TWILIO_AUTH_TOKEN', '*.TWILIO_AUTH_TOKEN'];

/**
 * Log text held in memory while standard output is slower than the lines come (a full pipe, a slow disk); past it lines
 * are dropped rather than memory grown without end, and that is said once on standard error.
 */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/**
 * Standard output or error written asynchronously: a line is handed to the kernel after the request is answered, and lines
 * that come while a write is under way go out together in the next one. What is still buffered is written synchronously
 * when the process exits (pino flushes its own destinations on exit, signals included, as shutdown ends in process.exit).
 */
function asyncDestination(fd: 1 | 2): pino.DestinationStream {
  const stream = pino.destination({ dest: fd, sync: false, maxLength: MAX_BUFFERED_BYTES });
  let warned = false;
  stream.on('drop', () => {
    if (warned) return;
    warned = true;
    process.stderr.write(`faqbot: log output is not keeping up; lines beyond ${MAX_BUFFERED_BYTES} buffered bytes are being dropped\n`);
  });
  return stream;
}

/** Creates a JSON logger; the auth token is redacted wherever it might appear. */
export function createLogger(level: string, destination: LogDestination = 'stdout'): Logger {
  const stream = destination === 'stdout' ? asyncDestination(1) : destination === 'stderr' ? asyncDestination(2) : destination;
  return pino({ level, base: undefined, redact: { paths: REDACTED, censor: '[redacted]' } }, stream);
}

/** A log line of plain values only: no object in it can hold an auth token. */
export type FlatFields = Readonly<Record<string, string | number | boolean | null>>;

/** Writes one log line of flat fields at a level. */
export type FlatLineWriter = (level: 'debug' | 'info', fields: FlatFields, message: string) => void;

/** pino's numbers for the levels a flat line is written at. */
const LEVEL_VALUES = { debug: 20, info: 30 } as const;

/**
 * Writes lines of flat fields (the request line, one per request) to the logger's destination at its level, laid out as
 * pino lays out a line (level, time, the fields in order, msg) but serialized in one JSON.stringify: redaction has
 * nothing to do on a line with no object in it (the censored paths name an object's field), and pino's own serializer,
 * which checks the censored paths and writes field by field, costs more than the rest of the line.
 */
export function flatLineWriter(logger: Logger): FlatLineWriter {
  const destination = (logger as unknown as Record<symbol, pino.DestinationStream>)[pino.symbols.streamSym]!;
  // Fixed when the writer is made, as a child logger's level is.
  const enabled = { debug: logger.isLevelEnabled('debug'), info: logger.isLevelEnabled('info') };
  return (level, fields, message) => {
    if (!enabled[level]) return;
    const body = JSON.stringify(fields);
    const inner = body.length > 2 ? `,${body.slice(1, -1)}` : '';
    destination.write(`{"level":${LEVEL_VALUES[level]},"time":${Date.now()}${inner},"msg":${JSON.stringify(message)}}\n`);
  };
}
