/**
 * Load benchmark for POST /bot: a real `faqbot serve` process on loopback, driven by autocannon with Twilio-signed requests,
 * once steady and once with a `faqbot reindex` run in the middle. Reports req/s, p50/p99 latency, errors, non-2xx and the
 * server's RSS before and after. Run on purpose (`npm run bench:load`), never by `npm test`. BENCH_SECONDS sets each run's length.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { loadCorpus } from '../src/corpus/load-corpus';
import { reindex } from '../src/index/reindex';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const TOKEN = 'bench-auth-token';
const CLI = resolve(__dirname, '../src/cli/main.ts');
const NEW_QUESTION = 'do you sell benchmark stickers';
const NEW_ANSWER = 'Yes, benchmark stickers are free at the till.';

function runCli(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), CLI, ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
}

/** Resident set size of a process in MB, read from /proc (Linux) or ps. */
function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Math.round(Number(kb) / 1024);
  } catch {
    return NaN;
  }
}

async function startServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; port: number; lines: () => number }> {
  const child = runCli(['serve'], env);
  let count = 0;
  const port = await new Promise<number>((resolvePort, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      count++;
      const parsed = JSON.parse(line) as { port?: number };
      if (typeof parsed.port === 'number') resolvePort(parsed.port);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, port, lines: () => count };
}

function signedRequests(url: string, questions: readonly string[]): autocannon.Request[] {
  let n = 0;
  return [
    {
      method: 'POST',
      path: '/bot',
      setupRequest: (request) => {
        n++;
        // A fresh MessageSid and sender per request: real traffic from many users, neither deduplicated nor rate limited.
        const form = { MessageSid: `SMbench${n}`, From: `whatsapp:+4477${String(n).padStart(8, '0')}`, To: 'whatsapp:+14155238886', Body: questions[n % questions.length]!, NumMedia: '0' };
        return {
          ...request,
          body: new URLSearchParams(form).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': getExpectedTwilioSignature(TOKEN, url, form) },
        };
      },
    },
  ];
}

async function run(label: string, url: string, questions: readonly string[], pid: number, midRun?: () => Promise<void>): Promise<void> {
  const rssBefore = rssMb(pid);
  const pending = autocannon({ url, connections: CONNECTIONS, duration: SECONDS, requests: signedRequests(url, questions) });
  const middle = midRun === undefined ? Promise.resolve() : new Promise<void>((done) => setTimeout(() => void midRun().then(done), (SECONDS * 1000) / 2));
  const [result] = await Promise.all([pending, middle]);
  await new Promise((done) => setTimeout(done, 1000));
  console.log(
    `${label.padEnd(26)} ${String(Math.round(result.requests.average)).padStart(7)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  ` +
      `requests ${result.requests.total}  errors ${result.errors}  timeouts ${result.timeouts}  non-2xx ${result.non2xx}  RSS ${rssBefore} MB -> ${rssMb(pid)} MB`,
  );
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
    const server = await startServer(env);
    const url = `http://127.0.0.1:${server.port}/bot`;
    const pid = server.child.pid!;
    console.log(`faqbot bench: ${SECONDS} s per run, ${CONNECTIONS} connections, ${questions.length} corpus questions, server pid ${pid}, RSS at start ${rssMb(pid)} MB`);

    await run('warm-up', url, questions, pid);
    await run('steady', url, questions, pid);
    await run('reindex mid-run', url, questions, pid, async () => {
      const first = readdirSync(env.CORPUS_DIR).find((name) => name.endsWith('.csv'))!;
      appendFileSync(join(env.CORPUS_DIR, first), `\nbench-stickers,${NEW_QUESTION},"${NEW_ANSWER}",Shop\n`);
      const child = runCli(['reindex'], env);
      child.stdout!.resume();
      const code = await new Promise((done) => child.once('exit', done));
      console.log(`  (reindex mid-run exited ${String(code)})`);
    });

    const form = { MessageSid: 'SMbenchcheck', From: 'whatsapp:+15550001111', Body: NEW_QUESTION };
    const check = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': getExpectedTwilioSignature(TOKEN, url, form) }, body: new URLSearchParams(form).toString() });
    const swapped = (await check.text()).includes(NEW_ANSWER);
    console.log(`new answer served after the mid-run reindex: ${swapped ? 'yes' : 'NO'}; server log lines: ${server.lines()}`);
    server.child.kill('SIGTERM');
    const exit = await new Promise((done) => server.child.once('exit', (code) => done(code)));
    console.log(`server exit code after SIGTERM: ${String(exit)}`);
    if (!swapped) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
