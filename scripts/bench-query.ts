/**
 * Query micro-benchmark (issue 7, issue 8 finding 15): times `match` per message on the largest bench:scale corpus
 * (5,000 answers / 100,000 questions) and on the sample corpus (corpus/), as bench:scale does (200 warm-up queries,
 * then every test message once), and prints p50 / p99 / mean plus the CPU time per message over all passes.
 * The large index takes about 100 s to build; it is built once into BENCH_DIR (default the system temp folder) and
 * reused. Each match is timed in wall time and in CPU time (user + system, which a wait for a core on a shared machine
 * does not inflate). `BENCH_COMPARE_DIST=<another build's dist folder>` times that build's matcher on the same index
 * and messages in alternating passes, a before/after in one run. `BENCH_QUERY_DUMP=FILE` writes every message's ranking
 * (ids and scores as exact hex doubles, the rank of the best, a digest of every raw score) to FILE.large and
 * FILE.sample, so that two builds can be compared bit for bit (`cmp`). `BENCH_QUERY_PASSES` (default 5) sets the passes.
 * Run on purpose (`npx tsx scripts/bench-query.ts [large|sample]`), never by `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readLabeledCsv } from '../src/eval/labeled-csv';
import { percentile } from '../src/eval/metrics';
import { loadIndex } from '../src/index/load-index';
import { type LoadedIndex } from '../src/index/loaded-index';
import { reindex } from '../src/index/reindex';
import { createMatcher, type Matcher } from '../src/match/matcher';
import { createQueryScorer } from '../src/match/query-scores';
import { composeCorpus, readIntents, writeCorpusFolder } from './scale/compose-corpus';
import { DATASETS } from './dev-datasets';

const ROOT = resolve(__dirname, '..');
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

/** A matcher to time: this build's, or another build's (BENCH_COMPARE_DIST) on the same index file. */
interface Contender {
  readonly name: string;
  readonly match: (text: string) => unknown;
}

/** Another build's matcher, from its compiled dist folder (e.g. a `git worktree` of main after `npm run build`). */
function comparedContender(dist: string, indexFile: string): Contender {
  const other = { ...(require(join(dist, 'index/load-index.js')) as { loadIndex: typeof loadIndex }), ...(require(join(dist, 'match/matcher.js')) as { createMatcher: typeof createMatcher }) };
  const matcher = other.createMatcher(other.loadIndex(indexFile));
  return { name: `compared (${dist})`, match: (text) => matcher.match(text) };
}

interface Pass {
  readonly wallP50: number;
  readonly wallP99: number;
  readonly cpuP50: number;
  readonly cpuP99: number;
  readonly cpuMean: number;
}

/** One timed pass over every message: wall and CPU time (user + system, which a wait for a core does not inflate) per match. */
function timePass({ match }: Contender, messages: readonly string[]): Pass {
  const wall: number[] = [];
  const cpu: number[] = [];
  const passBefore = process.cpuUsage();
  for (const text of messages) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    match(text);
    wall.push((performance.now() - started) * 1000);
    const used = process.cpuUsage(cpuBefore);
    cpu.push(used.user + used.system);
  }
  const used = process.cpuUsage(passBefore);
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { wallP50: percentile(wall, 0.5), wallP99: percentile(wall, 0.99), cpuP50: percentile(cpu, 0.5), cpuP99: percentile(cpu, 0.99), cpuMean: (used.user + used.system) / messages.length };
}

function measure(workload: Workload): void {
  const index = loadIndex(workload.indexFile);
  const matcher = createMatcher(index);
  const { messages } = workload;
  const compareDist = process.env.BENCH_COMPARE_DIST;
  const contenders: Contender[] = [{ name: 'this build', match: (text) => matcher.match(text) }];
  if (compareDist !== undefined) contenders.push(comparedContender(resolve(compareDist), workload.indexFile));
  for (const contender of contenders) for (let i = 0; i < Math.min(WARM_UP, messages.length); i++) contender.match(messages[i]!);
  const passes = contenders.map((): Pass[] => []);
  for (let pass = 0; pass < PASSES; pass++) {
    // Alternate which goes first, so that neither always runs right after the other has filled the caches.
    const order = pass % 2 === 0 ? contenders.map((_, i) => i) : contenders.map((_, i) => contenders.length - 1 - i);
    for (const i of order) passes[i]!.push(timePass(contenders[i]!, messages));
  }
  const range = (xs: readonly number[]): string => `${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)}`;
  console.log(`${workload.name}: ${messages.length} messages x ${PASSES} passes (µs per match, range over passes)`);
  contenders.forEach(({ name }, i) => {
    const runs = passes[i]!;
    const of = (key: keyof Pass): string => range(runs.map((run) => run[key]));
    console.log(`  ${name}: wall p50 ${of('wallP50')} p99 ${of('wallP99')}; CPU p50 ${of('cpuP50')} p99 ${of('cpuP99')} mean ${of('cpuMean')}`);
  });
  if (contenders.length === 2) {
    const ratios = passes[0]!.map((run, pass) => run.cpuMean / passes[1]![pass]!.cpuMean);
    const median = percentile([...ratios].sort((a, b) => a - b), 0.5);
    console.log(`  this build's mean CPU per match as a share of the compared build's, per pass: ${ratios.map((r) => r.toFixed(2)).join(' ')} (median ${median.toFixed(2)})`);
  }
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
