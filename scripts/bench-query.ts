/**
 * Query micro-benchmark (issue 7, issue 8 finding 15): times `match` per message on the largest bench:scale corpus
 * (5,000 answers / 100,000 questions) and on the sample corpus (corpus/), as bench:scale does (200 warm-up queries,
 * then every test message once), and prints p50 / p99 / mean plus the CPU time per message over all passes.
 * The large index takes about 100 s to build; it is built once into BENCH_DIR (default the system temp folder) and
 * reused. `BENCH_QUERY_DUMP=FILE` writes every message's full ranking (ids and scores as exact hex doubles) so that two
 * builds can be compared bit for bit (`cmp`). `BENCH_QUERY_PASSES` (default 5) repeats the timed pass.
 * Run on purpose (`npx tsx scripts/bench-query.ts [large|sample]`), never by `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readLabeledCsv } from '../src/eval/labeled-csv';
import { loadIndex } from '../src/index/load-index';
import { type LoadedIndex } from '../src/index/loaded-index';
import { reindex } from '../src/index/reindex';
import { createMatcher, type Matcher } from '../src/match/matcher';
import { createQueryScorer } from '../src/match/query-scores';
import { composeCorpus, readIntents, writeCorpusFolder } from './scale/compose-corpus';

const ROOT = resolve(__dirname, '..');
const DATASETS = resolve(ROOT, process.env.DATASETS_DIR ?? '../shared/datasets');
const WORK = resolve(process.env.BENCH_DIR ?? join(tmpdir(), 'faqbot-bench-query'));
const PASSES = Number(process.env.BENCH_QUERY_PASSES ?? 5);
const WARM_UP = 200;

interface Workload {
  readonly name: string;
  readonly indexFile: string;
  readonly messages: readonly string[];
}

/** The largest bench:scale corpus, built once (in a child process, as bench:scale does) and kept in WORK. */
function largeWorkload(): Workload {
  const dir = join(WORK, '5000x100000');
  const indexFile = join(dir, 'index.sqlite');
  const messagesFile = join(dir, 'messages.json');
  if (!existsSync(indexFile) || !existsSync(messagesFile)) {
    mkdirSync(dir, { recursive: true });
    const corpus = composeCorpus(readIntents(DATASETS), 5_000, 100_000, 2_000);
    const corpusDir = writeCorpusFolder(corpus, join(dir, 'corpus'));
    console.log(`building ${indexFile} (about 100 s) ...`);
    const child = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), join(__dirname, 'scale/build-index.ts'), corpusDir, indexFile], { stdio: 'inherit' });
    if (child.status !== 0) throw new Error(`the build failed (status ${String(child.status)})`);
    writeFileSync(messagesFile, JSON.stringify(corpus.test.map((row) => row.text)));
  }
  return { name: '5,000 answers / 100,000 questions', indexFile, messages: JSON.parse(readFileSync(messagesFile, 'utf8')) as string[] };
}

/**
 * The sample corpus, indexed into WORK. Messages: its own questions (as written and lower-cased), the sample messages
 * of test/fixtures, and CLINC150's validation messages (mostly about other things, some with names and numbers).
 */
function sampleWorkload(): Workload {
  const dir = join(WORK, 'sample');
  mkdirSync(dir, { recursive: true });
  const indexFile = join(dir, 'index.sqlite');
  if (!existsSync(indexFile)) reindex(join(ROOT, 'corpus'), indexFile);
  const questions = loadIndex(indexFile).answers.flatMap((answer) => answer.questions);
  const samples = readLabeledCsv(join(ROOT, 'test/fixtures/sample-messages.csv')).map((row) => row.text);
  const clincFile = join(DATASETS, 'clinc150/val.csv');
  const clinc = existsSync(clincFile) ? readLabeledCsv(clincFile).map((row) => row.text) : [];
  return { name: 'sample corpus (corpus/)', indexFile, messages: [...questions, ...questions.map((q) => q.toLowerCase().replace(/\?$/, '')), ...samples, ...clinc] };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

function hex(x: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return view.getBigUint64(0).toString(16);
}

// FNV-1a over the bytes of every raw score, so that a dump line vouches for all vectors, not only the ranked four.
function digest(scores: Float64Array | null): string {
  if (scores === null) return 'null';
  let hash = 0x811c9dc5;
  for (const byte of new Uint8Array(scores.buffer, scores.byteOffset, scores.byteLength)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash.toString(16);
}

function dump(index: LoadedIndex, matcher: Matcher, messages: readonly string[]): string {
  const score = createQueryScorer(index);
  return messages
    .map((text) => {
      const { best, candidates } = matcher.match(text);
      const top = candidates[0];
      const rank = top === undefined ? '' : String(matcher.rank(text, top.id));
      return `${best?.id ?? '-'}\t${candidates.map((c) => `${c.id}=${hex(c.score)}`).join(' ')}\t${rank}\t${digest(score(text))}`;
    })
    .join('\n');
}

function measure(workload: Workload): void {
  const index = loadIndex(workload.indexFile);
  const matcher = createMatcher(index);
  const { messages } = workload;
  for (let i = 0; i < Math.min(WARM_UP, messages.length); i++) matcher.match(messages[i]!);
  const p50s: number[] = [];
  const p99s: number[] = [];
  const cpus: number[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    const times: number[] = [];
    const cpuBefore = process.cpuUsage();
    for (const text of messages) {
      const started = performance.now();
      matcher.match(text);
      times.push(performance.now() - started);
    }
    const cpu = process.cpuUsage(cpuBefore);
    times.sort((a, b) => a - b);
    p50s.push(percentile(times, 0.5));
    p99s.push(percentile(times, 0.99));
    cpus.push((cpu.user + cpu.system) / messages.length);
  }
  const range = (xs: readonly number[], digits: number): string => `${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)}`;
  console.log(`${workload.name}: ${messages.length} messages x ${PASSES} passes: p50 ${range(p50s, 3)} ms, p99 ${range(p99s, 3)} ms, CPU ${range(cpus, 1)} µs/message`);
  const dumpFile = process.env.BENCH_QUERY_DUMP;
  if (dumpFile !== undefined) {
    const file = `${dumpFile}.${workload.name.startsWith('sample') ? 'sample' : 'large'}`;
    writeFileSync(file, dump(index, matcher, messages));
    console.log(`rankings written to ${file}`);
  }
}

const which = process.argv[2];
if (which === undefined || which === 'large') measure(largeWorkload());
if (which === undefined || which === 'sample') measure(sampleWorkload());
