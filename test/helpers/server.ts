import { randomUUID } from 'node:crypto';
import { request as httpRequest, type Agent, type IncomingHttpHeaders } from 'node:http';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { readConfig, type Config } from '../../src/config/config';
import { parseForm } from '../../src/http/read-form';
import { reindex } from '../../src/index/reindex';
import { loadIndex } from '../../src/index/load-index';
import { createLogger, type Logger } from '../../src/log/logger';
import { startServer, type RunningServer } from '../../src/server/start-server';
import { BAKERY_CSV } from './fixtures';
import { makeTempDir, type TempDir } from './temp-dir';

/** The auth token test servers are started with. */
export const TEST_AUTH_TOKEN = 'test-auth-token-0123456789abcdef';

/** A real server on an ephemeral loopback port, over an index built from a temporary corpus. */
export interface TestServer {
  readonly running: RunningServer;
  readonly baseUrl: string;
  readonly dir: TempDir;
  readonly config: Config;
  stop(): Promise<void>;
}

/** The environment test servers start with, over a temporary folder: every file (index, message log) lives inside it. */
export function testEnv(dir: string, env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
    CORPUS_DIR: `${dir}/corpus`,
    FAQBOT_DB: `${dir}/index.sqlite`,
    MESSAGE_LOG: `${dir}/messages.sqlite`,
    LOG_LEVEL: 'silent',
    ...env,
  };
}

/** Builds an index from `csv` in a temporary folder and starts the real server on it; `logger` replaces the silent default (to capture lines). */
export async function startTestServer(csv = BAKERY_CSV, env: NodeJS.ProcessEnv = {}, logger?: Logger): Promise<TestServer> {
  const dir = makeTempDir();
  dir.write('corpus/faq.csv', csv);
  const config = readConfig(testEnv(dir.path, env));
  reindex(config.corpusDir, config.dbPath);
  const running = await startServer(config, loadIndex(config.dbPath), logger ?? createLogger(config.logLevel));
  return {
    running,
    baseUrl: `http://127.0.0.1:${running.port}`,
    dir,
    config,
    async stop() {
      await running.close();
      dir.cleanup();
    },
  };
}

/** A fresh Twilio-style MessageSid: each message Twilio delivers has its own, and only a redelivery repeats one. */
export function newMessageSid(): string {
  return `SM${randomUUID().replace(/-/g, '')}`;
}

/** A typical Twilio WhatsApp webhook form for a text message, with a new MessageSid unless `extra` sets one. */
export function whatsappForm(body: string, extra: Record<string, string> = {}): Record<string, string> {
  const sid = newMessageSid();
  return {
    SmsMessageSid: sid,
    NumMedia: '0',
    ProfileName: 'Ada',
    MessageType: 'text',
    WaId: '447700900123',
    SmsStatus: 'received',
    Body: body,
    To: 'whatsapp:+14155238886',
    NumSegments: '1',
    MessageSid: sid,
    AccountSid: 'AC0123456789abcdef0123456789abcdef',
    From: 'whatsapp:+447700900123',
    ApiVersion: '2010-04-01',
    ...extra,
  };
}

/** How a signed test request may differ from a genuine one. */
export interface SignOptions {
  /** Token to sign with. Default: the test servers' token. */
  readonly token?: string;
  /** URL to sign. Default: the URL posted to. */
  readonly signedUrl?: string;
  /** Body actually sent, when it should differ from the one signed (tampering). */
  readonly sentBody?: string;
  readonly headers?: Record<string, string>;
}

/** POSTs a form to `url`, signed with twilio's own signature helper. */
export async function postSigned(url: string, form: Record<string, string>, options: SignOptions = {}): Promise<Response> {
  const signature = getExpectedTwilioSignature(options.token ?? TEST_AUTH_TOKEN, options.signedUrl ?? url, form);
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature, ...options.headers },
    body: options.sentBody ?? new URLSearchParams(form).toString(),
  });
}

/** The texts of the <Message> elements of a TwiML reply. */
export function twimlMessages(xml: string): string[] {
  return [...xml.matchAll(/<Message>([\s\S]*?)<\/Message>/g)].map((m) => decodeXml(m[1] ?? ''));
}

function decodeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** A response read in full by `postRaw`. */
export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** POSTs exact bytes with exact headers (fetch would re-encode or refuse some), over a plain node:http request. */
export function postRaw(url: string, body: Buffer | string, headers: Record<string, string> = {}, agent?: Agent): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', headers, agent: agent ?? false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** The X-Twilio-Signature for a raw body, over the fields as the server parses them (how Twilio signs what it sends). */
export function signRaw(url: string, body: string, token = TEST_AUTH_TOKEN): string {
  return getExpectedTwilioSignature(token, url, parseForm(body));
}
