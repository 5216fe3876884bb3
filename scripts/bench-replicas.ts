/**
 * Load benchmark of several replicas: two real `faqbot serve` processes on one PostgreSQL database (DATABASE_URL, a
 * database made for the run on 127.0.0.1:5432 and dropped after), each driven by its own autocannon with Twilio-signed
 * requests, beside one `faqbot serve` on its SQLite files driven the same way, in alternating runs of the same length.
 * One request in DUPLICATE_EVERY is the same MessageSid sent to both replicas at about the same moment (a Twilio retry
 * landing on the other replica): each must be answered once, so the shared log must end with one row per MessageSid.
 * Reports req/s, p50/p99 latency, errors and non-2xx per run, and the rows counted afterwards.
 * Run on purpose (`npm run bench:replicas`), never by `npm test`. BENCH_SECONDS (10), BENCH_ROUNDS (2), BENCH_CONNECTIONS (20).
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { loadCorpus } from '../src/corpus/load-corpus';
import { reindex } from '../src/index/reindex';
import { createTestDatabase } from '../test/helpers/postgres';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const PRESIGNED = Number(process.env.BENCH_PRESIGNED ?? 60_000);
const DUPLICATE_EVERY = 10;
const TOKEN = 'bench-auth-token';
const CLI = resolve(__dirname, '../src/cli/main.ts');

function runCli(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), CLI, ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
}

/** Starts `faqbot serve` and resolves with its port once it prints the listening line; later output is drained unread. */
async function startServe(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; port: number }> {
  const child = runCli(['serve'], env);
  const port = await new Promise<number>((resolvePort, reject) => {
    let pending = '';
    const onData = (chunk: Buffer): void => {
      pending += chunk.toString('utf8');
      const found = /"port":(\d+)/.exec(pending)?.[1];
      if (found === undefined) return;
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      resolvePort(Number(found));
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  return { child, port };
}

interface Presigned {
  readonly body: string;
  readonly headers: Record<string, string>;
}

/** A valid Twilio MessageSid made of a run tag and a number. */
const sidOf = (tag: string, n: number): string => `SM${tag}${n.toString(16).padStart(32 - tag.length, '0')}`;

/**
 * Requests signed for `url`: each a new sender and MessageSid, except every DUPLICATE_EVERY-th, whose MessageSid is
 * shared with the request of the same number in the other replica's list.
 */
function presign(url: string, questions: readonly string[], tag: string, replica: string): Presigned[] {
  return Array.from({ length: PRESIGNED }, (_, n) => {
    const shared = n % DUPLICATE_EVERY === 0;
    const form = {
      MessageSid: sidOf(shared ? `${tag}d` : `${tag}${replica}`, n),
      From: `whatsapp:+44${replica === 'a' ? '77' : '78'}${String(n).padStart(8, '0')}`,
      To: 'whatsapp:+14155238886',
      Body: questions[n % questions.length]!,
      NumMedia: '0',
    };
    return { body: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': getExpectedTwilioSignature(TOKEN, url, form) } };
  });
}

interface Run {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly total: number;
  readonly errors: number;
  readonly non2xx: number;
  readonly sent: number;
}

async function drive(port: number, pool: readonly Presigned[], connections: number): Promise<Run> {
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: SECONDS,
    requests: [{ method: 'POST', path: '/bot', setupRequest: (request) => ({ ...request, ...pool[next++ % pool.length]! }) }],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, total: result.requests.total, errors: result.errors + result.timeouts, non2xx: result.non2xx, sent: next };
}

const line = (label: string, run: Run): string =>
  `${label.padEnd(34)} ${String(Math.round(run.rps)).padStart(6)} req/s  p50 ${run.p50} ms  p99 ${run.p99} ms  requests ${run.total}  errors ${run.errors}  non-2xx ${run.non2xx}`;

async function count(url: string, sql: string, params: unknown[]): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(sql, params)).rows[0]!.n);
  } finally {
    await client.end();
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((done) => child.once('exit', done));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'faqbot-bench-replicas-'));
  const database = await createTestDatabase();
  const children: ChildProcess[] = [];
  try {
    mkdirSync(join(dir, 'corpus'));
    for (const name of readdirSync('corpus')) copyFileSync(join('corpus', name), join(dir, 'corpus', name));
    const questions = loadCorpus(join(dir, 'corpus')).entries.flatMap((entry) => entry.questions);
    const base = { PORT: '0', HOST: '127.0.0.1', TWILIO_AUTH_TOKEN: TOKEN, LOG_LEVEL: 'info', CORPUS_DIR: join(dir, 'corpus') };

    // One replica on SQLite, as without DATABASE_URL.
    const single = { ...base, FAQBOT_DB: join(dir, 'single.sqlite'), MESSAGE_LOG: join(dir, 'single-messages.sqlite') };
    reindex(single.CORPUS_DIR, single.FAQBOT_DB);
    // Two replicas that share nothing but the database: the index is published once and fetched by each.
    const published = runCli(['reindex', '--db', join(dir, 'published.sqlite')], { ...base, DATABASE_URL: database.url });
    published.stdout!.resume();
    await new Promise((done) => published.once('exit', done));
    const replicaEnv = (name: string) => ({ ...base, CORPUS_DIR: join(dir, 'no-corpus'), FAQBOT_DB: join(dir, `${name}.sqlite`), MESSAGE_LOG: join(dir, `${name}-messages.sqlite`), DATABASE_URL: database.url });

    const sqlite = await startServe(single);
    const a = await startServe(replicaEnv('a'));
    const b = await startServe(replicaEnv('b'));
    children.push(sqlite.child, a.child, b.child);
    const urlOf = (port: number) => `http://127.0.0.1:${port}/bot`;
    console.log(`bench:replicas: ${SECONDS} s per run, ${ROUNDS} rounds, ${CONNECTIONS} connections in all per run, ${questions.length} corpus questions; 1 in ${DUPLICATE_EVERY} replica requests is a MessageSid sent to both`);

    for (let round = 0; round <= ROUNDS; round++) {
      const label = round === 0 ? 'warm-up' : `round ${round}`;
      const tag = `${round}f`;
      const one = await drive(sqlite.port, presign(urlOf(sqlite.port), questions, tag, 'a'), CONNECTIONS);
      console.log(line(`${label} one replica, SQLite`, one));
      const [fromA, fromB] = await Promise.all([
        drive(a.port, presign(urlOf(a.port), questions, tag, 'a'), CONNECTIONS / 2),
        drive(b.port, presign(urlOf(b.port), questions, tag, 'b'), CONNECTIONS / 2),
      ]);
      console.log(line(`${label} replica A (PostgreSQL)`, fromA));
      console.log(line(`${label} replica B (PostgreSQL)`, fromB));
      console.log(
        `${label} two replicas together: ${Math.round(fromA.rps + fromB.rps)} req/s (${((fromA.rps + fromB.rps) / one.rps).toFixed(2)}x one SQLite replica), ` +
          `p99 ${Math.max(fromA.p99, fromB.p99)} ms, errors ${fromA.errors + fromB.errors}, non-2xx ${fromA.non2xx + fromB.non2xx}`,
      );
      // Every answered request has its row once the replicas have written their queues; duplicates have one row between them.
      await new Promise((done) => setTimeout(done, 2000));
      const prefix = `SM${tag}`;
      const rows = await count(database.url, 'SELECT count(*) AS n FROM messages WHERE message_sid LIKE $1', [`${prefix}%`]);
      const unanswered = await count(database.url, 'SELECT count(*) AS n FROM messages WHERE message_sid LIKE $1 AND reply IS NULL', [`${prefix}%`]);
      // Requests numbered below both replicas' last one, and a multiple of DUPLICATE_EVERY, went to both with one MessageSid.
      const both = Math.ceil(Math.min(fromA.sent, fromB.sent) / DUPLICATE_EVERY);
      const distinct = fromA.sent + fromB.sent - both;
      // The numbers both lists share: sent to both below the slower replica's last request, to one above it.
      const sharedNumbers = Math.ceil(Math.max(fromA.sent, fromB.sent) / DUPLICATE_EVERY);
      const shared = await count(database.url, 'SELECT count(*) AS n FROM messages WHERE message_sid LIKE $1', [`${prefix}d%`]);
      console.log(
        `${label} shared log: ${rows} rows (${unanswered} claims without a reply) for ${distinct} distinct MessageSids sent (${fromA.sent + fromB.sent} requests sent, ` +
          `${fromA.total + fromB.total} answered before the run ended); ${both} MessageSids were sent to both replicas; ` +
          `the ${sharedNumbers} MessageSids of the shared numbers have ${shared} rows`,
      );
    }
  } finally {
    for (const child of children) await stop(child);
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
