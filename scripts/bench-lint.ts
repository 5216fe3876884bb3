/**
 * Lint speed benchmark: times `faqbot lint` on the sample corpus and on a CLINC150-sized corpus (CLINC150's train
 * and oos_train rows written as corpus CSV, one answer per intent, under BENCH_DIR or the system temp folder), and
 * prints wall and CPU time with the warnings found. Run on purpose (`npm run bench:lint`), never by `npm test`.
 * The goal: the sample corpus in a second or two, CLINC150 in under a minute, so lint can run on every save.
 */
import { stringify } from 'csv-stringify/sync';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCorpus } from '../src/corpus/load-corpus';
import { readLabeledCsv } from '../src/eval/labeled-csv';
import { lintCorpus, type LintReport } from '../src/lint/lint-corpus';
import { DATASETS } from './dev-datasets';

const ROOT = resolve(__dirname, '..');
const WORK = resolve(process.env.BENCH_DIR ?? join(tmpdir(), 'faqbot-bench-lint'));

/** Writes CLINC150 train (and its out-of-scope rows) as a corpus folder; returns undefined when the data set is absent. */
function writeClincCorpus(): string | undefined {
  const train = join(DATASETS, 'clinc150/train.csv');
  if (!existsSync(train)) return undefined;
  const oos = join(DATASETS, 'clinc150/oos_train.csv');
  const answered = new Set<string>();
  const rows: string[][] = [['id', 'question', 'answer', 'category']];
  for (const { text, label } of readLabeledCsv(train)) {
    if (label === null) continue;
    rows.push([label, text, answered.has(label) ? '' : `The answer about ${label.replace(/_/g, ' ')}.`, '']);
    answered.add(label);
  }
  if (existsSync(oos)) for (const { text } of readLabeledCsv(oos)) rows.push(['out-of-scope', text, '', '']);
  const dir = join(WORK, 'clinc150');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'clinc150.csv'), stringify(rows, { record_delimiter: 'unix' }));
  return dir;
}

/** Loads and lints a corpus folder in this process, timing both. */
function timeLint(dir: string): { report: LintReport; wallMs: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const report = lintCorpus(loadCorpus(dir));
  const used = process.cpuUsage(cpu);
  return { report, wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

/** Runs the real command line (through tsx, so TypeScript compiles on the way) and times it from spawn to exit. */
function timeCommand(dir: string): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'lint', '--corpus', dir], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`faqbot lint failed: ${result.stderr}`);
  return performance.now() - started;
}

function describe(name: string, { report, wallMs, cpuMs }: ReturnType<typeof timeLint>): void {
  const kinds = new Map<string, number>();
  for (const w of report.warnings) kinds.set(w.check, (kinds.get(w.check) ?? 0) + 1);
  console.log(
    `${name.padEnd(16)} ${String(report.questions).padStart(6)} questions ${String(report.answers).padStart(4)} answers ${String(report.outOfScope).padStart(4)} oos  ` +
      `lint ${(wallMs / 1000).toFixed(1)} s wall, ${(cpuMs / 1000).toFixed(1)} s CPU  ${report.warnings.length} warnings ${JSON.stringify(Object.fromEntries(kinds))}`,
  );
}

function main(): void {
  console.log(`faqbot lint benchmark, Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} x${cpus().length}`);
  const sample = join(ROOT, 'corpus');
  describe('sample corpus', timeLint(sample));
  console.log(`${'sample corpus'.padEnd(16)} faqbot lint command (tsx, from spawn to exit): ${(timeCommand(sample) / 1000).toFixed(1)} s`);
  const clinc = writeClincCorpus();
  if (clinc === undefined) console.log(`CLINC150 not found under ${DATASETS}; set DATASETS_DIR`);
  else describe('CLINC150 train', timeLint(clinc));
}

main();
