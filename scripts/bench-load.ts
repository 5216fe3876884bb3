/**
 * Load benchmark for POST /bot: a real `faqbot serve` process on loopback, driven by autocannon with Twilio-signed requests,
 * beside a bare Koa app (scripts/bare-koa-server.ts) driven by the very same presigned requests, in alternating runs of the
 * same length, so faqbot's req/s can be read as a ratio of what the stack allows on this (shared, noisy) machine.
 * Then two runs at a steady rate, one of them with the message log locked by another process for 6 s (p99, and whether
 * every answered message was written once the lock went), and one faqbot run with a `faqbot reindex` in the middle.
 * Reports req/s, p50/p99 latency, errors, non-2xx and the server's RSS. Run on purpose (`npm run bench:load`), never by `npm test`.
 * BENCH_SECONDS sets each run's length (10), BENCH_ROUNDS the number of side-by-side rounds (3), BENCH_CONNECTIONS (20);
 * BENCH_CPU_PROF=<dir> runs faqbot under `node --cpu-prof` and leaves the profile in that folder when it stops.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import Database from 'better-sqlite3';
import { loadCorpus } from '../src/corpus/load-corpus';
import { reindex } from '../src/index/reindex';
import { holdLock } from '../test/helpers/lock-file';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
/** Requests signed before each run, each with its own MessageSid and sender; more than any run on this machine sends. */
const PRESIGNED = Number(process.env.BENCH_PRESIGNED ?? 150_000);
const TOKEN = 'bench-auth-token';
const CLI = resolve(__dirname, '../src/cli/main.ts');
const BARE = resolve(__dirname, 'bare-koa-server.ts');
/** The message-log lock run: a steady rate (latency, not saturation), the lock taken after LOCK_AFTER_MS and held LOCK_MS. */
const LOCK_RATE = 200;
const LOCK_AFTER_MS = 1000;
const LOCK_MS = 6000;
const NEW_QUESTION = 'do you sell benchmark stickers';
const NEW_ANSWER = 'Yes, benchmark stickers are free at the till.';

function runTs(script: string, args: string[], env: NodeJS.ProcessEnv, nodeFlags: string[] = []): ChildProcess {
  return spawn(process.execPath, [...nodeFlags, '--require', require.resolve('tsx/cjs'), script, ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
}

/** Resident set size of a process in MB, read from /proc (Linux). */
function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Math.round(Number(kb) / 1024);
  } catch {
    return NaN;
  }
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux; clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

interface Started {
  readonly child: ChildProcess;
  readonly port: number;
  readonly lines: () => number;
}

/** Starts a server script and resolves once it prints a JSON line with its port; later lines are only counted, not parsed, to keep the load generator's process light. */
async function startServer(script: string, args: string[], env: NodeJS.ProcessEnv, nodeFlags: string[] = []): Promise<Started> {
  const child = runTs(script, args, env, nodeFlags);
  let count = 0;
  let pending = '';
  const port = await new Promise<number>((resolvePort, reject) => {
    const onData = (chunk: Buffer): void => {
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop() ?? '';
      count += lines.length;
      const found = lines.map((line) => /"port":(\d+)/.exec(line)?.[1]).find((match) => match !== undefined);
      if (found === undefined) return;
      child.stdout!.off('data', onData);
      child.stdout!.on('data', (more: Buffer) => {
        for (let at = more.indexOf(10); at !== -1; at = more.indexOf(10, at + 1)) count++;
      });
      resolvePort(Number(found));
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, port, lines: () => count };
}

/** A valid Twilio message SID (SM + 32 hex digits) whose first hex digits say which run sent it, so its rows can be counted. */
function benchSid(tag: string, n: number): string {
  return `SM${sidPrefix(tag)}${n.toString(16).padStart(32 - sidPrefix(tag).length, '0')}`;
}

/** The hex digits that start the SIDs of one run: the run's tag as character codes. */
function sidPrefix(tag: string): string {
  return `be${[...tag].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('')}`;
}

/** One presigned request: the body and the headers Twilio would send. */
interface Presigned {
  readonly body: string;
  readonly headers: Record<string, string>;
}

/** Signs `count` requests for `url`, each a fresh MessageSid and sender (real traffic from many users: neither deduplicated nor rate limited). */
function presign(url: string, questions: readonly string[], count: number, tag: string): Presigned[] {
  return Array.from({ length: count }, (_, n) => {
    const form = { MessageSid: benchSid(tag, n), From: `whatsapp:+4477${String(n).padStart(8, '0')}`, To: 'whatsapp:+14155238886', Body: questions[n % questions.length]!, NumMedia: '0' };
    return {
      body: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': getExpectedTwilioSignature(TOKEN, url, form) },
    };
  });
}

interface RunResult {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  /** Requests sent, and answered with a 2xx (some of the last ones sent may still have been in flight when the run ended). */
  readonly sent: number;
  readonly answered: number;
  /** Server CPU time per request answered, in µs. */
  readonly cpuPerRequestUs: number;
}

/** How a run differs from a plain saturating one. */
interface RunOptions {
  /** Runs half-way through (or at `midRunAfterMs`). */
  readonly midRun?: () => Promise<void>;
  readonly midRunAfterMs?: number;
  /** A fixed request rate instead of as fast as the server answers. */
  readonly overallRate?: number;
  readonly seconds?: number;
}

/** Drives `port` with the presigned requests, in order, for SECONDS. */
async function drive(label: string, port: number, pool: readonly Presigned[], pid: number, { midRun, midRunAfterMs, overallRate, seconds = SECONDS }: RunOptions = {}): Promise<RunResult> {
  let next = 0;
  const rssBefore = rssMb(pid);
  const cpuBefore = cpuMs(pid);
  const pending = autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    ...(overallRate === undefined ? {} : { overallRate }),
    requests: [{ method: 'POST', path: '/bot', setupRequest: (request) => ({ ...request, ...pool[next++ % pool.length]! }) }],
  });
  const middle = midRun === undefined ? Promise.resolve() : new Promise<void>((done) => setTimeout(() => void midRun().then(done), midRunAfterMs ?? (seconds * 1000) / 2));
  const [result] = await Promise.all([pending, middle]);
  // CPU per request holds better than req/s on a machine shared with other work: waiting for a core costs no CPU time.
  const cpuPerRequestUs = ((cpuMs(pid) - cpuBefore) * 1000) / Math.max(1, result.requests.total);
  await new Promise((done) => setTimeout(done, 500));
  const wrapped = next > pool.length ? `  (WRAPPED: ${next} requests from ${pool.length} presigned, raise BENCH_PRESIGNED)` : '';
  console.log(
    `${label.padEnd(26)} ${String(Math.round(result.requests.average)).padStart(7)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  ` +
      `requests ${result.requests.total}  errors ${result.errors}  timeouts ${result.timeouts}  non-2xx ${result.non2xx}  CPU ${Math.round(cpuPerRequestUs)} µs/request  ` +
      `RSS ${rssBefore} MB -> ${rssMb(pid)} MB${wrapped}`,
  );
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, sent: next, answered: result['2xx'], cpuPerRequestUs };
}

/** Rows of the message log whose MessageSid starts with `prefix`, read as an operator would, from another connection. */
function rowsWithPrefix(path: string, prefix: string): number {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM messages WHERE message_sid LIKE ?').get(`${prefix}%`) as { n: number }).n;
  } finally {
    db.close();
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function stop(child: ChildProcess): Promise<unknown> {
  child.kill('SIGTERM');
  return new Promise((done) => child.once('exit', (code) => done(code)));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'faqbot-bench-'));
  try {
    mkdirSync(join(dir, 'corpus'));
    for (const name of readdirSync('corpus')) copyFileSync(join('corpus', name), join(dir, 'corpus', name));
    const env = {
      PORT: '0', HOST: '127.0.0.1', TWILIO_AUTH_TOKEN: TOKEN, CORPUS_DIR: join(dir, 'corpus'), FAQBOT_DB: join(dir, 'index.sqlite'),
      MESSAGE_LOG: join(dir, 'messages.sqlite'), LOG_LEVEL: 'info', INDEX_POLL_MS: '500',
    };
    reindex(env.CORPUS_DIR, env.FAQBOT_DB);
    const questions = loadCorpus(env.CORPUS_DIR).entries.flatMap((entry) => entry.questions);
    const profile = process.env.BENCH_CPU_PROF;
    const server = await startServer(CLI, ['serve'], env, profile === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${resolve(profile)}`]);
    const bare = await startServer(BARE, [], {});
    const url = `http://127.0.0.1:${server.port}/bot`;
    const pid = server.child.pid!;
    console.log(
      `faqbot bench: ${SECONDS} s per run, ${ROUNDS} rounds, ${CONNECTIONS} connections, ${questions.length} corpus questions, ` +
        `faqbot pid ${pid} (RSS ${rssMb(pid)} MB), bare koa pid ${bare.child.pid!}`,
    );

    await drive('warm-up bare koa', bare.port, presign(url, questions, PRESIGNED, 'w'), bare.child.pid!);
    await drive('warm-up faqbot', server.port, presign(url, questions, PRESIGNED, 'w'), pid);
    const ratios: number[] = [];
    const cpuRatios: number[] = [];
    const p99s: [number, number][] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      // The same requests for both servers in a round; a fresh set per round, so faqbot never sees a MessageSid twice.
      const pool = presign(url, questions, PRESIGNED, String(round));
      const base = await drive(`round ${round} bare koa`, bare.port, pool, bare.child.pid!);
      const ours = await drive(`round ${round} faqbot`, server.port, pool, pid);
      ratios.push(ours.rps / base.rps);
      cpuRatios.push(base.cpuPerRequestUs / ours.cpuPerRequestUs);
      p99s.push([ours.p99, base.p99]);
    }
    console.log(
      `faqbot req/s as a ratio of bare koa, per round: ${ratios.map((r) => r.toFixed(2)).join(' ')}  (median ${median(ratios).toFixed(2)}); ` +
        `p99 faqbot/bare per round: ${p99s.map(([a, b]) => `${a}/${b} ms`).join(' ')}`,
    );
    console.log(`bare koa CPU per request as a ratio of faqbot's, per round: ${cpuRatios.map((r) => r.toFixed(2)).join(' ')}  (median ${median(cpuRatios).toFixed(2)})`);

    const seconds = (LOCK_AFTER_MS + LOCK_MS + 1000) / 1000;
    await drive(`faqbot ${LOCK_RATE} req/s, no lock`, server.port, presign(url, questions, 2 * LOCK_RATE * seconds, 'U'), pid, { overallRate: LOCK_RATE, seconds });
    const locked = await drive(`faqbot ${LOCK_RATE} req/s, log locked`, server.port, presign(url, questions, 2 * LOCK_RATE * seconds, 'L'), pid, {
      overallRate: LOCK_RATE,
      seconds,
      midRunAfterMs: LOCK_AFTER_MS,
      midRun: async () => {
        const lock = await holdLock(env.MESSAGE_LOG, 'EXCLUSIVE');
        await new Promise((done) => setTimeout(done, LOCK_MS));
        await lock.release();
      },
    });
    const started = Date.now();
    while (rowsWithPrefix(env.MESSAGE_LOG, `SM${sidPrefix('L')}`) < locked.answered && Date.now() - started < 5000) await new Promise((done) => setTimeout(done, 100));
    console.log(
      `message log locked by another process for ${LOCK_MS / 1000} s at ${LOCK_RATE} req/s: p99 ${locked.p99} ms; ` +
        `rows written once the lock went: ${rowsWithPrefix(env.MESSAGE_LOG, `SM${sidPrefix('L')}`)} (requests sent ${locked.sent}, answered 2xx ${locked.answered})`,
    );

    await drive('faqbot, reindex mid-run', server.port, presign(url, questions, PRESIGNED, 'r'), pid, {
      midRun: async () => {
        const first = readdirSync(env.CORPUS_DIR).find((name) => name.endsWith('.csv'))!;
        appendFileSync(join(env.CORPUS_DIR, first), `\nbench-stickers,${NEW_QUESTION},"${NEW_ANSWER}",Shop\n`);
        const child = runTs(CLI, ['reindex'], env);
        child.stdout!.resume();
        const code = await new Promise((done) => child.once('exit', done));
        console.log(`  (reindex mid-run exited ${String(code)})`);
      },
    });

    const form = { MessageSid: benchSid('check', 1), From: 'whatsapp:+15550001111', Body: NEW_QUESTION };
    const check = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': getExpectedTwilioSignature(TOKEN, url, form) }, body: new URLSearchParams(form).toString() });
    const swapped = (await check.text()).includes(NEW_ANSWER);
    console.log(`new answer served after the mid-run reindex: ${swapped ? 'yes' : 'NO'}; server log lines: ${server.lines()}`);
    await stop(bare.child);
    console.log(`server exit code after SIGTERM: ${String(await stop(server.child))}`);
    if (!swapped) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
