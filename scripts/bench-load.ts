/**
 * Load benchmark for POST /bot, run on purpose (`npm run bench:load`, which builds first), never by `npm test`.
 *
 * faqbot runs as users run it: the built CLI (`node dist/cli/main.js serve`) with NODE_ENV=production, PUBLIC_URL set,
 * the message log and the request log (stdout) on real files. Beside it runs a bare Koa app (scripts/bare-koa-server.ts,
 * compiled to plain JavaScript the same way) that checks nothing and answers fixed TwiML. Both are driven by autocannon
 * with the very same presigned requests (a distinct valid MessageSid each, senders spread so that none passes the rate
 * limit), in alternating rounds of the same length, so faqbot's req/s reads as a share of what the stack allows on this
 * (shared, noisy, 2-core) machine. Every response is checked: a ratio is printed only if every response of every round
 * was 200 TwiML with a <Message>, else the run says what came back and exits 1.
 *
 * Then two runs at a steady rate, one with the message log locked by another process for 6 s (p99, and whether every
 * answered message was written once the lock went), and one faqbot run with a `faqbot reindex` in the middle.
 *
 * BENCH_SECONDS sets each run's length (10), BENCH_ROUNDS the side-by-side rounds (5), BENCH_CONNECTIONS (20),
 * BENCH_WARM_UP_REQUESTS the requests each server answers before the rounds (5000).
 * BENCH_PER_SENDER (15) sets how many messages each sender sends in a run (above 20 the rate limiter answers, and no ratio is given).
 * BENCH_TRAFFIC=mixed sends each corpus question followed by an off-topic message (CLINC150's validation out-of-scope rows,
 * from ../shared/datasets), with the fallback hand-off turned off (HANDOFF_AFTER_FALLBACKS=0) so that no sender is paused
 * into empty replies; the default, questions, sends the corpus questions only.
 * BENCH_RATIO_ONLY=1 stops after the side-by-side rounds; BENCH_NODE_FLAGS are passed to both servers' node.
 * BENCH_COMPARE_CLI=<another build's dist/cli/main.js> runs that build too, as a third server in every round (its own
 * message log, the same index and requests), and prints its figures beside this build's: a before/after in one run.
 * BENCH_CPU_PROF=<dir> runs both servers under `node --cpu-prof`, skips the lock and reindex runs, and prints where each
 * server's CPU time went (self time by part of the request path) from the profiles it leaves in <dir>/faqbot and <dir>/bare-koa.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import Database from 'better-sqlite3';
import ts from 'typescript';
import { loadCorpus } from '../src/corpus/load-corpus';
import { DATASETS, dataset } from './dev-datasets';
import { holdLock } from '../test/helpers/lock-file';
import { summarizeProfile, type CpuProfile } from './profile-split';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/**
 * Requests each server answers before the rounds, however long that takes: a warm-up of a fixed time left faqbot, which
 * has more code to compile, at 1,137 requests on a loaded machine, and round 1 then measured V8's compiler as much as faqbot.
 */
const WARM_UP_REQUESTS = Number(process.env.BENCH_WARM_UP_REQUESTS ?? 5000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
/** Requests signed before each run; more than any run on this machine sends (a run that wraps around says so). */
const PRESIGNED = Number(process.env.BENCH_PRESIGNED ?? 150_000);
/** Messages one sender sends in a run: under the default RATE_LIMIT_MAX (20 a minute), so the bot answers every one. */
const PER_SENDER = Number(process.env.BENCH_PER_SENDER ?? 15);
/**
 * What customers send: `questions` (the corpus's own questions, every one answered) or `mixed` (each corpus question
 * followed by an off-topic message from CLINC150's validation out-of-scope rows, as small business bots mostly get:
 * those go through the fallback rules and suggestions, the other half of the work).
 */
const TRAFFIC = process.env.BENCH_TRAFFIC ?? 'questions';
const TOKEN = 'bench-auth-token';
/** The address Twilio would call; with PUBLIC_URL set the server checks signatures against it whatever Host says. */
const PUBLIC_URL = 'https://faqbot.example.com';
const URL_SIGNED = `${PUBLIC_URL}/bot`;
const ROOT = resolve(__dirname, '..');
const CLI = join(ROOT, 'dist/cli/main.js');
const BARE = join(__dirname, 'bare-koa-server.ts');
/** The message-log lock run: a steady rate (latency, not saturation), the lock taken after LOCK_AFTER_MS and held LOCK_MS. */
const LOCK_RATE = 200;
const LOCK_AFTER_MS = 1000;
const LOCK_MS = 6000;
const NEW_QUESTION = 'do you sell benchmark stickers';
const NEW_ANSWER = 'Yes, benchmark stickers are free at the till.';
const CLOCK_TICK_MS = 10;

/** Newest modification time of the .ts files under a folder. */
function newestSource(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return Math.max(newest, newestSource(path));
    return entry.name.endsWith('.ts') ? Math.max(newest, statSync(path).mtimeMs) : newest;
  }, 0);
}

/** Refuses to measure a dist/ older than src/: the figures would be of other code than the one on disk. */
function requireFreshBuild(): void {
  let built = 0;
  try {
    built = statSync(CLI).mtimeMs;
  } catch {
    // missing: handled below
  }
  if (built < newestSource(join(ROOT, 'src'))) {
    console.error(`bench:load measures the built server, and ${CLI} is missing or older than src/: run "npm run build" (npm run bench:load does).`);
    process.exit(2);
  }
}

/** Compiles the bare Koa app to plain JavaScript in `dir`, as tsc compiles faqbot, so neither server runs through a TypeScript loader. */
function compileBare(dir: string): string {
  const { outputText } = ts.transpileModule(readFileSync(BARE, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  const out = join(dir, 'bare-koa-server.js');
  writeFileSync(out, outputText);
  return out;
}

/** CPU time a process has used so far, user and system, in ms, from /proc (Linux). */
function processCpu(pid: number): { user: number; system: number } {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return { user: Number(fields[11]) * CLOCK_TICK_MS, system: Number(fields[12]) * CLOCK_TICK_MS };
  } catch {
    return { user: NaN, system: NaN };
  }
}

/** Busy CPU time of the whole machine so far (all cores, every process), in ms, from /proc/stat. */
function machineBusyMs(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal: idle and iowait are not busy.
  const busy = ticks.slice(0, 8).reduce((sum, value, at) => (at === 3 || at === 4 ? sum : sum + value), 0);
  return busy * CLOCK_TICK_MS;
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

interface Started {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly port: number;
  /** The file the server's standard output (its request log) goes to. */
  readonly logFile: string;
}

/** Starts a server with its standard output on a real file, and resolves once the file holds a line with its port. */
async function startServer(args: string[], env: NodeJS.ProcessEnv, logFile: string): Promise<Started> {
  const out = openSync(logFile, 'a', 0o600);
  const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', out, 'inherit'] });
  closeSync(out);
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  for (;;) {
    const port = /"port":(\d+)/.exec(readFileSync(logFile, 'utf8'))?.[1];
    if (port !== undefined) return { child, pid: child.pid!, port: Number(port), logFile };
    if (exited !== null) throw new Error(`${args.join(' ')} exited with ${exited} before listening; see ${logFile}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** A valid Twilio message SID (SM + 32 hex digits) whose first hex digits say which run sent it, so its rows can be counted. */
function benchSid(tag: string, n: number): string {
  return `SM${sidPrefix(tag)}${n.toString(16).padStart(32 - sidPrefix(tag).length, '0')}`;
}

/** The messages the load sends, by BENCH_TRAFFIC. */
function traffic(questions: readonly string[]): string[] {
  if (TRAFFIC === 'questions') return [...questions];
  if (TRAFFIC !== 'mixed') throw new Error(`BENCH_TRAFFIC must be questions or mixed, not ${TRAFFIC}`);
  const offTopic = (dataset('clinc150/val.csv') ?? []).filter((row) => row.label === null).map((row) => row.text);
  if (offTopic.length === 0) throw new Error(`BENCH_TRAFFIC=mixed needs clinc150/val.csv under ${DATASETS}`);
  return questions.flatMap((question, i) => [question, offTopic[i % offTopic.length]!]);
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

let runsSigned = 0;

/**
 * Signs `count` requests, each a fresh MessageSid; senders are a set of numbers of this run alone, each sending PER_SENDER
 * messages spread over the run (real traffic from many users: neither deduplicated nor rate limited).
 */
function presign(questions: readonly string[], count: number, tag: string): Presigned[] {
  const run = String(runsSigned++ % 1000).padStart(3, '0');
  const senders = Math.ceil(count / PER_SENDER);
  return Array.from({ length: count }, (_, n) => {
    const form = {
      MessageSid: benchSid(tag, n),
      From: `whatsapp:+447${run}${String(n % senders).padStart(6, '0')}`,
      To: 'whatsapp:+14155238886',
      Body: questions[n % questions.length]!,
      NumMedia: '0',
    };
    return {
      body: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': getExpectedTwilioSignature(TOKEN, URL_SIGNED, form) },
    };
  });
}

/** What came back in a run, by kind. */
interface Responses {
  /** 200, text/xml TwiML with at least one <Message>: the bot (or the bare app) answered. */
  replies: number;
  /** Anything else, by "status: first bytes of the body". */
  readonly other: Map<string, number>;
}

function isReply(status: number, body: string): boolean {
  return status === 200 && body.startsWith('<?xml') && body.includes('<Response><Message>');
}

interface RunResult {
  readonly label: string;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  /** Requests sent; responses received, by kind; connection errors and timeouts. */
  readonly sent: number;
  readonly responses: Responses;
  readonly errors: number;
  readonly timeouts: number;
  /** Server CPU time per response, in µs, user and system. */
  readonly userUs: number;
  readonly systemUs: number;
}

/** How a run differs from a plain saturating one. */
interface RunOptions {
  /** Runs half-way through (or at `midRunAfterMs`). */
  readonly midRun?: () => Promise<void>;
  readonly midRunAfterMs?: number;
  /** A fixed request rate instead of as fast as the server answers. */
  readonly overallRate?: number;
  readonly seconds?: number;
  /** Stop after this many requests instead of after `seconds`. */
  readonly amount?: number;
}

function percent(ms: number, wallMs: number): string {
  return `${Math.round((100 * ms) / wallMs)}%`;
}

/** Drives `server` with the presigned requests, in order, for SECONDS; prints one line of figures and returns them. */
async function drive(label: string, server: Started, pool: readonly Presigned[], { midRun, midRunAfterMs, overallRate, seconds = SECONDS, amount }: RunOptions = {}): Promise<RunResult> {
  let next = 0;
  const responses: Responses = { replies: 0, other: new Map() };
  const onResponse = (status: number, body: string): void => {
    if (isReply(status, body)) responses.replies++;
    else {
      const key = `${status}: ${body.slice(0, 60)}`;
      responses.other.set(key, (responses.other.get(key) ?? 0) + 1);
    }
  };
  const rssBefore = rssMb(server.pid);
  const cpuBefore = processCpu(server.pid);
  const ownBefore = process.cpuUsage();
  const machineBefore = machineBusyMs();
  const wallBefore = performance.now();
  const pending = autocannon({
    url: `http://127.0.0.1:${server.port}`,
    connections: CONNECTIONS,
    ...(amount === undefined ? { duration: seconds } : { amount }),
    ...(overallRate === undefined ? {} : { overallRate }),
    requests: [{ method: 'POST', path: '/bot', setupRequest: (request) => ({ ...request, ...pool[next++ % pool.length]! }), onResponse }],
  });
  const middle = midRun === undefined ? Promise.resolve() : new Promise<void>((done) => setTimeout(() => void midRun().then(done), midRunAfterMs ?? (seconds * 1000) / 2));
  const [result] = await Promise.all([pending, middle]);
  const wallMs = performance.now() - wallBefore;
  const cpu = processCpu(server.pid);
  const user = cpu.user - cpuBefore.user;
  const system = cpu.system - cpuBefore.system;
  const own = process.cpuUsage(ownBefore);
  const ownMs = (own.user + own.system) / 1000;
  const otherMs = machineBusyMs() - machineBefore - user - system - ownMs;
  const answered = Math.max(1, result.requests.total);
  const wrapped = next > pool.length ? `  (WRAPPED: ${next} requests from ${pool.length} presigned, raise BENCH_PRESIGNED)` : '';
  const others = [...responses.other].map(([kind, count]) => `${count} x ${JSON.stringify(kind)}`).join(', ');
  console.log(
    `${label.padEnd(30)} ${String(Math.round(result.requests.average)).padStart(6)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  ` +
      `responses ${result.requests.total}: ${responses.replies} TwiML replies${others === '' ? '' : `, ${others}`}  errors ${result.errors}  timeouts ${result.timeouts}  ` +
      `| server CPU ${Math.round(((user + system) * 1000) / answered)} µs/req (user ${Math.round((user * 1000) / answered)}, sys ${Math.round((system * 1000) / answered)}), ` +
      `busy ${percent(user + system, wallMs)} of a core; load generator ${percent(ownMs, wallMs)}; other processes ${percent(Math.max(0, otherMs), wallMs)} ` +
      `| RSS ${rssBefore} -> ${rssMb(server.pid)} MB${wrapped}`,
  );
  await new Promise((done) => setTimeout(done, 500));
  return {
    label,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    sent: next,
    responses,
    errors: result.errors,
    timeouts: result.timeouts,
    userUs: (user * 1000) / answered,
    systemUs: (system * 1000) / answered,
  };
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

/** Rows of the rounds' messages that the bot did not answer from their text (rate limited, silenced, failed), from faqbot's own record. */
function unansweredRows(path: string, prefixes: readonly string[]): { rows: number; unanswered: number } {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const count = db.prepare<[string], { rows: number; unanswered: number }>(
      "SELECT count(*) AS rows, coalesce(sum(fallback IN ('rateLimited', 'silenced', 'error')), 0) AS unanswered FROM messages WHERE message_sid LIKE ?",
    );
    return prefixes.map((prefix) => count.get(`${prefix}%`)!).reduce((a, b) => ({ rows: a.rows + b.rows, unanswered: a.unanswered + b.unanswered }));
  } finally {
    db.close();
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  child.kill('SIGTERM');
  return new Promise((done) => child.once('exit', (code) => done(code)));
}

/** Why a run's figures cannot be compared: anything but a TwiML reply to every request. */
function problemsOf(run: RunResult): string | null {
  const other = [...run.responses.other.values()].reduce((sum, count) => sum + count, 0);
  if (other === 0 && run.errors === 0 && run.timeouts === 0 && run.responses.replies > 0) return null;
  return `${run.label}: ${run.responses.replies} TwiML replies, ${other} other responses, ${run.errors} errors, ${run.timeouts} timeouts`;
}

function lineCount(path: string): number {
  return readFileSync(path, 'utf8').split('\n').length - 1;
}

async function main(): Promise<void> {
  requireFreshBuild();
  const dir = mkdtempSync(join(tmpdir(), 'faqbot-bench-'));
  const servers: Started[] = [];
  try {
    mkdirSync(join(dir, 'corpus'));
    for (const name of readdirSync(join(ROOT, 'corpus'))) copyFileSync(join(ROOT, 'corpus', name), join(dir, 'corpus', name));
    const env = {
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      TWILIO_AUTH_TOKEN: TOKEN,
      PUBLIC_URL,
      CORPUS_DIR: join(dir, 'corpus'),
      FAQBOT_DB: join(dir, 'index.sqlite'),
      MESSAGE_LOG: join(dir, 'messages.sqlite'),
      LOG_LEVEL: 'info',
      INDEX_POLL_MS: '500',
      // A sender of off-topic messages would be handed to a person after three and then get empty replies.
      ...(TRAFFIC === 'mixed' ? { HANDOFF_AFTER_FALLBACKS: '0' } : {}),
    };
    const build = spawn(process.execPath, [CLI, 'reindex'], { env: { PATH: process.env.PATH, ...env }, stdio: 'ignore' });
    const built = await new Promise((done) => build.once('exit', done));
    if (built !== 0) throw new Error(`faqbot reindex exited with ${String(built)}`);
    const questions = traffic(loadCorpus(env.CORPUS_DIR).entries.flatMap((entry) => entry.questions));
    const profileDir = process.env.BENCH_CPU_PROF === undefined ? undefined : resolve(process.env.BENCH_CPU_PROF);
    // BENCH_NODE_FLAGS (e.g. --perf-basic-prof, for `perf record -p <pid>`) go to both servers alike.
    const extraFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter((flag) => flag !== '');
    const profileFlags = (name: string): string[] => [...extraFlags, ...(profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, name)}`])];
    const faqbot = await startServer([...profileFlags('faqbot'), CLI, 'serve'], env, join(dir, 'faqbot.log'));
    servers.push(faqbot);
    const bare = await startServer([...profileFlags('bare-koa'), compileBare(dir)], { NODE_PATH: join(ROOT, 'node_modules') }, join(dir, 'bare.log'));
    servers.push(bare);
    const compareCli = process.env.BENCH_COMPARE_CLI === undefined ? undefined : resolve(process.env.BENCH_COMPARE_CLI);
    const other =
      compareCli === undefined ? undefined : await startServer([...extraFlags, compareCli, 'serve'], { ...env, MESSAGE_LOG: join(dir, 'messages-compare.sqlite') }, join(dir, 'compare.log'));
    if (other !== undefined) servers.push(other);
    console.log(
      `faqbot bench: ${SECONDS} s per run, ${ROUNDS} rounds, ${CONNECTIONS} connections, ${questions.length} messages (${TRAFFIC}), ${PER_SENDER} messages per sender; ` +
        `faqbot = node ${CLI.replace(`${ROOT}/`, '')} serve (NODE_ENV=production, PUBLIC_URL, LOG_LEVEL=info to a file, message log ${env.MESSAGE_LOG}), pid ${faqbot.pid}, RSS ${rssMb(faqbot.pid)} MB; ` +
        `bare koa pid ${bare.pid}; node ${process.version}`,
    );

    const warmUp = { amount: WARM_UP_REQUESTS };
    await drive('warm-up bare koa', bare, presign(questions, PRESIGNED, 'w'), warmUp);
    await drive('warm-up faqbot', faqbot, presign(questions, PRESIGNED, 'w'), warmUp);
    if (other !== undefined) await drive(`warm-up ${compareCli!}`, other, presign(questions, PRESIGNED, 'w'), warmUp);
    const rounds: { ours: RunResult; base: RunResult }[] = [];
    const compared: RunResult[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      // The same requests for both servers in a round, a fresh set per round (faqbot never sees a MessageSid twice);
      // who goes first alternates, so a drift in the machine's load does not always favour one side.
      const pool = presign(questions, PRESIGNED, String(round));
      const order = round % 2 === 1 ? (['bare', 'faqbot'] as const) : (['faqbot', 'bare'] as const);
      const results: Partial<Record<'bare' | 'faqbot', RunResult>> = {};
      // The build compared with goes first, between or last in turn.
      if (other !== undefined && round % 3 === 1) compared.push(await drive(`round ${round} compared build`, other, pool));
      for (const [at, which] of order.entries()) {
        results[which] = await drive(`round ${round} ${which === 'bare' ? 'bare koa' : 'faqbot'}`, which === 'bare' ? bare : faqbot, pool);
        if (other !== undefined && at === 0 && round % 3 === 2) compared.push(await drive(`round ${round} compared build`, other, pool));
      }
      if (other !== undefined && round % 3 === 0) compared.push(await drive(`round ${round} compared build`, other, pool));
      rounds.push({ ours: results.faqbot!, base: results.bare! });
    }
    const problems = [...rounds.flatMap(({ ours, base }) => [problemsOf(ours), problemsOf(base)]), ...compared.map(problemsOf)].filter((problem) => problem !== null);
    // The rate limiter's notice is TwiML with a <Message> too: faqbot's message log says who answered.
    await new Promise((done) => setTimeout(done, 500));
    const logged = unansweredRows(env.MESSAGE_LOG, rounds.map((_, at) => `SM${sidPrefix(String(at + 1))}`));
    console.log(`message log rows of the rounds' messages: ${logged.rows}, of which not answered by the bot (rate limited, silenced, failed): ${logged.unanswered}`);
    if (logged.unanswered > 0) problems.push(`faqbot's message log records ${logged.unanswered} messages of the rounds as rate limited, silenced or failed`);
    if (problems.length > 0) {
      console.log(`NO RATIO: not every response was a 200 TwiML reply, so the req/s are not of answered messages:\n  ${problems.join('\n  ')}`);
      process.exitCode = 1;
    } else {
      const ratios = rounds.map(({ ours, base }) => ours.rps / base.rps);
      const cpu = rounds.map(({ ours, base }) => (base.userUs + base.systemUs) / (ours.userUs + ours.systemUs));
      console.log(
        `faqbot req/s as a ratio of bare koa, per round: ${ratios.map((r) => r.toFixed(2)).join(' ')}  (median ${median(ratios).toFixed(2)}); ` +
          `p99 faqbot/bare per round: ${rounds.map(({ ours, base }) => `${ours.p99}/${base.p99} ms`).join(' ')}`,
      );
      console.log(
        `server CPU per request, bare koa as a ratio of faqbot, per round: ${cpu.map((r) => r.toFixed(2)).join(' ')}  (median ${median(cpu).toFixed(2)}); ` +
          `faqbot median ${Math.round(median(rounds.map(({ ours }) => ours.userUs + ours.systemUs)))} µs (user ${Math.round(median(rounds.map(({ ours }) => ours.userUs)))}, sys ${Math.round(median(rounds.map(({ ours }) => ours.systemUs)))}), ` +
          `bare koa median ${Math.round(median(rounds.map(({ base }) => base.userUs + base.systemUs)))} µs (user ${Math.round(median(rounds.map(({ base }) => base.userUs)))}, sys ${Math.round(median(rounds.map(({ base }) => base.systemUs)))})`,
      );
    }
    if (other !== undefined && problems.length === 0) {
      const cpuOf = (run: RunResult): number => run.userUs + run.systemUs;
      console.log(
        `compared build ${compareCli!}: req/s as a ratio of bare koa, per round: ${compared.map((run, at) => (run.rps / rounds[at]!.base.rps).toFixed(2)).join(' ')}  ` +
          `(median ${median(compared.map((run, at) => run.rps / rounds[at]!.base.rps)).toFixed(2)}); p99 per round: ${compared.map((run) => `${run.p99} ms`).join(' ')}; ` +
          `server CPU median ${Math.round(median(compared.map(cpuOf)))} µs per request against this build's ${Math.round(median(rounds.map(({ ours }) => cpuOf(ours))))} µs; ` +
          `this build's CPU per request as a share of the compared build's, per round: ${compared.map((run, at) => (cpuOf(rounds[at]!.ours) / cpuOf(run)).toFixed(2)).join(' ')}`,
      );
    }
    if (other !== undefined) await stop(other.child);
    await stop(bare.child);

    if (profileDir === undefined && process.env.BENCH_RATIO_ONLY === undefined) {
      const seconds = (LOCK_AFTER_MS + LOCK_MS + 1000) / 1000;
      await drive(`faqbot ${LOCK_RATE} req/s, no lock`, faqbot, presign(questions, 2 * LOCK_RATE * seconds, 'U'), { overallRate: LOCK_RATE, seconds });
      const locked = await drive(`faqbot ${LOCK_RATE} req/s, log locked`, faqbot, presign(questions, 2 * LOCK_RATE * seconds, 'L'), {
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
      while (rowsWithPrefix(env.MESSAGE_LOG, `SM${sidPrefix('L')}`) < locked.responses.replies && Date.now() - started < 5000) await new Promise((done) => setTimeout(done, 100));
      console.log(
        `message log locked by another process for ${LOCK_MS / 1000} s at ${LOCK_RATE} req/s: p99 ${locked.p99} ms; ` +
          `rows written once the lock went: ${rowsWithPrefix(env.MESSAGE_LOG, `SM${sidPrefix('L')}`)} (requests sent ${locked.sent}, TwiML replies ${locked.responses.replies})`,
      );

      await drive('faqbot, reindex mid-run', faqbot, presign(questions, PRESIGNED, 'r'), {
        midRun: async () => {
          const first = readdirSync(env.CORPUS_DIR).find((name) => name.endsWith('.csv'))!;
          appendFileSync(join(env.CORPUS_DIR, first), `\nbench-stickers,${NEW_QUESTION},"${NEW_ANSWER}",Shop\n`);
          const child = spawn(process.execPath, [CLI, 'reindex'], { env: { PATH: process.env.PATH, ...env }, stdio: 'ignore' });
          const code = await new Promise((done) => child.once('exit', done));
          console.log(`  (reindex mid-run exited ${String(code)})`);
        },
      });
      const form = { MessageSid: benchSid('check', 1), From: 'whatsapp:+15550001111', Body: NEW_QUESTION };
      const check = await fetch(`http://127.0.0.1:${faqbot.port}/bot`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': getExpectedTwilioSignature(TOKEN, URL_SIGNED, form) },
        body: new URLSearchParams(form).toString(),
      });
      const swapped = (await check.text()).includes(NEW_ANSWER);
      console.log(`new answer served after the mid-run reindex: ${swapped ? 'yes' : 'NO'}`);
      if (!swapped) process.exitCode = 1;
    }

    const code = await stop(faqbot.child);
    console.log(`server exit code after SIGTERM: ${String(code)}; request log lines in its file: ${lineCount(faqbot.logFile)}`);
    if (profileDir !== undefined) {
      for (const name of ['faqbot', 'bare-koa']) {
        const folder = join(profileDir, name);
        const profiles = readdirSync(folder).filter((file) => file.endsWith('.cpuprofile')).map((file) => join(folder, file));
        const newest = profiles.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
        if (newest !== undefined) console.log(`CPU profile of ${name} (${newest}):\n${summarizeProfile(JSON.parse(readFileSync(newest, 'utf8')) as CpuProfile)}`);
      }
    }
  } finally {
    for (const server of servers) await stop(server.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
