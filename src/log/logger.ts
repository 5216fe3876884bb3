import pino from 'pino';

/** The structured logger every component writes to. */
export type Logger = pino.Logger;

/** Where log lines go: standard output, standard error, or any stream (tests capture lines this way). */
export type LogDestination = 'stdout' | 'stderr' | pino.DestinationStream;

/** Field paths censored wherever they appear, so the auth token cannot reach a log even if a config object is logged whole. */
const REDACTED = ['authToken', '*.authToken', 'twilioAuthToken', '*.twilioAuthToken', 'TWILIO_AUTH_TOKEN', '*.TWILIO_AUTH_TOKEN'];

/** Creates a JSON logger; the auth token is redacted wherever it might appear. */
export function createLogger(level: string, destination: LogDestination = 'stdout'): Logger {
  const stream = destination === 'stdout' ? pino.destination(1) : destination === 'stderr' ? pino.destination(2) : destination;
  return pino({ level, base: undefined, redact: { paths: REDACTED, censor: '[redacted]' } }, stream);
}
