import pino from 'pino';

/** The structured logger every component writes to. */
export type Logger = pino.Logger;

/** Creates a JSON logger; the auth token is redacted wherever it might appear. */
export function createLogger(level: string, destination: 'stdout' | 'stderr' = 'stdout'): Logger {
  return pino(
    { level, base: undefined, redact: { paths: ['authToken', '*.authToken', 'TWILIO_AUTH_TOKEN', '*.TWILIO_AUTH_TOKEN'], censor: '[redacted]' } },
    pino.destination(destination === 'stdout' ? 1 : 2),
  );
}
