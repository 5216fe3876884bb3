import { z } from 'zod';
import { LANGUAGE_CODES, type LanguageCode } from '../text/language';
import { environmentKind, publicHostList, safetyProblems } from './guards';

const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** Where the index lives unless FAQBOT_DB or --db say otherwise; the one place ask and chat build an index by themselves. */
export const DEFAULT_INDEX_PATH = 'data/faqbot.sqlite';

const DURATION_UNITS_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A length of time with its unit, as CHOICE_TTL and HANDOFF_PAUSE are written: `15m`, `12h`, `90s`, `1d`, `500ms`; in ms. */
const duration = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?\s*(ms|s|m|h|d)$/, { message: 'must be a number with a unit: ms, s, m, h or d (e.g. 15m, 12h)' })
  .transform((text) => {
    const [, value = '0', unit = 'ms'] = /^([\d.]+)\s*(ms|s|m|h|d)$/.exec(text) ?? [];
    return Math.round(Number(value) * DURATION_UNITS_MS[unit]!);
  });

const schema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  TWILIO_AUTH_TOKEN: z.string().trim().optional().transform((value) => (value === '' ? undefined : value)),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'must be the http(s) address Twilio calls, e.g. https://abc123.ngrok-free.app' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  SKIP_TWILIO_SIGNATURE: boolean.default(false),
  PUBLIC_HOSTS: publicHostList,
  CORPUS_DIR: z.string().default('corpus'),
  FAQBOT_DB: z.string().default(DEFAULT_INDEX_PATH),
  CORPUS_LANGUAGE: z.enum(LANGUAGE_CODES as [LanguageCode, ...LanguageCode[]]).default('en'),
  REMOVE_STOP_WORDS: boolean.default(false),
  MATCH_THRESHOLD: z.coerce.number().min(0).max(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: boolean.default(false),
  MESSAGE_LOG: z.string().trim().min(1).default('data/messages.sqlite'),
  MESSAGE_LOG_DAYS: z.coerce.number().int().min(1).default(90),
  MESSAGE_LOG_QUEUE_MAX: z.coerce.number().int().min(100).default(50_000),
  MAX_REQUEST_BYTES: z.coerce.number().int().min(1024).default(65_536),
  MAX_MESSAGE_CHARS: z.coerce.number().int().min(1).default(2000),
  RATE_LIMIT_MAX: z.coerce.number().int().min(0).default(20),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1).default(60_000),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  MAX_CONNECTIONS: z.coerce.number().int().min(1).default(500),
  INDEX_POLL_MS: z.coerce.number().int().min(10).default(2000),
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === '' ? undefined : value))
    .refine((value) => value === undefined || /^postgres(ql)?:\/\//.test(value), 'must be a PostgreSQL address, postgres://user:password@host:5432/database'),
  CHOICE_TTL: duration.default(15 * 60_000),
  HANDOFF_AFTER_FALLBACKS: z.coerce.number().int().min(0).default(3),
  HANDOFF_PAUSE: duration.default(12 * 3_600_000),
  RESUME_WORD: z.string().trim().regex(/^[\p{L}\p{N}]+$/u, { message: 'must be one word of letters or digits, e.g. bot' }).default('bot'),
  HANDOFF_WEBHOOK_URL: z
    .url({ protocol: /^https?$/, message: 'must be the http(s) address hand-offs are POSTed to' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  HANDOFF_WEBHOOK_SECRET: z.string().optional().transform((value) => (value === '' ? undefined : value)),
});

/** The bot's settings, read once from the environment (and `.env`) at start-up. */
export interface Config {
  /** NODE_ENV is set and is neither development nor test: the token, a public address and a message log file are required. */
  readonly production: boolean;
  readonly port: number;
  readonly host: string;
  /** Twilio auth token that signs webhook requests; unset only in development. */
  readonly twilioAuthToken: string | undefined;
  /** The public base address Twilio calls, used to check signatures behind tunnels and proxies. */
  readonly publicUrl: string | undefined;
  /** Turns signature checks off; allowed only with NODE_ENV=development or test, and warned about loudly. */
  readonly skipTwilioSignature: boolean;
  /** The host names (with a port when not the default) a request may have been addressed to; empty allows any. Default empty. */
  readonly publicHosts: readonly string[];
  readonly corpusDir: string;
  readonly dbPath: string;
  /** Language of the corpus, which picks the stemmer and stop words the index is built with. Default en. */
  readonly language: LanguageCode;
  /** Drop the language's stop words when indexing. Default false. */
  readonly removeStopWords: boolean;
  /** Overrides the matcher's default threshold. */
  readonly matchThreshold: number | undefined;
  readonly logLevel: string;
  /** Rebuild the signed URL from X-Forwarded-Proto/Host (behind a proxy you trust); PUBLIC_URL wins when both are set. Default false. */
  readonly trustProxy: boolean;
  /** SQLite file of received messages and replies, kept apart from the index, which reindex replaces. Default data/messages.sqlite. */
  readonly messageLogPath: string;
  /** Days a message is kept in the message log before it is deleted. Default 90. */
  readonly messageLogDays: number;
  /** Messages kept in memory while the message log cannot be written (locked, disk full); past it the oldest are dropped. Default 50000. */
  readonly messageLogQueueMax: number;
  /** Largest webhook request body in bytes; larger ones get 413. Default 65536. */
  readonly maxRequestBytes: number;
  /** Longest message text matched, and kept in the message log; the rest is cut before matching. Default 2000. */
  readonly maxMessageChars: number;
  /** Messages one sender may send per window before a single notice and then silence; 0 turns the limit off. Default 20. */
  readonly rateLimitMax: number;
  /** Length of the rate-limit window in milliseconds. Default 60000. */
  readonly rateLimitWindowMs: number;
  /** How long shutdown waits for requests in flight before closing their connections. Default 10000. */
  readonly shutdownTimeoutMs: number;
  /** How long a client may take to send a whole request, headers and body; slower ones get 408 and are disconnected. Default 10000. */
  readonly requestTimeoutMs: number;
  /** Most connections held open at once; further ones are closed on arrival. Default 500. */
  readonly maxConnections: number;
  /** How often the index file is checked for a new version, besides file-system events. Default 2000. */
  readonly indexPollMs: number;
  /** PostgreSQL shared by several replicas (message log, sender state, rate limits, published index); unset keeps everything in local SQLite files. */
  readonly databaseUrl: string | undefined;
  /** CHOICE_TTL: how long numbered choices can be picked by number, in ms. Default 15m. */
  readonly choiceTtlMs: number;
  /** Fallbacks in a row that hand the conversation to a person; 0 turns this off. Default 3. */
  readonly handoffAfterFallbacks: number;
  /** HANDOFF_PAUSE: how long the bot stays silent for a sender after a hand-off, in ms. Default 12h. */
  readonly handoffPauseMs: number;
  /** The word a customer sends to bring the bot back during a hand-off. Default bot. */
  readonly resumeWord: string;
  /** Where hand-offs are POSTed as signed JSON; unset sends none. */
  readonly handoffWebhookUrl: string | undefined;
  /** Keys the HMAC-SHA256 signature of hand-off notifications; required with HANDOFF_WEBHOOK_URL. */
  readonly handoffWebhookSecret: string | undefined;
}

/** A setting is missing or invalid; the message lists each one and what to set. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`cannot start, fix these settings (environment or .env, see .env.example):\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates environment variables into a typed config; throws ConfigError naming every bad setting. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const kind = environmentKind(env.NODE_ENV);
  const problems = [...safetyProblems(kind, e)];
  if (e.HANDOFF_WEBHOOK_URL !== undefined && (e.HANDOFF_WEBHOOK_SECRET ?? '').length < 16) {
    problems.push('HANDOFF_WEBHOOK_SECRET: required with HANDOFF_WEBHOOK_URL, at least 16 characters, so the receiver can check that a hand-off came from this bot');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    production: kind === 'production',
    port: e.PORT,
    host: e.HOST,
    twilioAuthToken: e.TWILIO_AUTH_TOKEN,
    publicUrl: e.PUBLIC_URL,
    skipTwilioSignature: e.SKIP_TWILIO_SIGNATURE,
    publicHosts: e.PUBLIC_HOSTS,
    corpusDir: e.CORPUS_DIR,
    dbPath: e.FAQBOT_DB,
    language: e.CORPUS_LANGUAGE,
    removeStopWords: e.REMOVE_STOP_WORDS,
    matchThreshold: e.MATCH_THRESHOLD,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    messageLogPath: e.MESSAGE_LOG,
    messageLogDays: e.MESSAGE_LOG_DAYS,
    messageLogQueueMax: e.MESSAGE_LOG_QUEUE_MAX,
    maxRequestBytes: e.MAX_REQUEST_BYTES,
    maxMessageChars: e.MAX_MESSAGE_CHARS,
    rateLimitMax: e.RATE_LIMIT_MAX,
    rateLimitWindowMs: e.RATE_LIMIT_WINDOW_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    maxConnections: e.MAX_CONNECTIONS,
    indexPollMs: e.INDEX_POLL_MS,
    databaseUrl: e.DATABASE_URL,
    choiceTtlMs: e.CHOICE_TTL,
    handoffAfterFallbacks: e.HANDOFF_AFTER_FALLBACKS,
    handoffPauseMs: e.HANDOFF_PAUSE,
    resumeWord: e.RESUME_WORD,
    handoffWebhookUrl: e.HANDOFF_WEBHOOK_URL,
    handoffWebhookSecret: e.HANDOFF_WEBHOOK_SECRET,
  };
}
