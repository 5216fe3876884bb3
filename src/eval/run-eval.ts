import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Corpus } from '../corpus/types';
import { loadIndex } from '../index/load-index';
import { type IndexOptionsInput } from '../index/options';
import { buildIndexFile } from '../index/reindex';
import { createMatcher, type Matcher } from '../match/matcher';
import { DEFAULT_MATCH_OPTIONS } from '../match/options';
import { DEFAULT_CHOICE_RATIO } from '../reply/ambiguity';
import { choiceFigures, type ChoiceFigures } from './choice-figures';
import { type ErrorRow } from './error-rows';
import { type LabeledRow } from './labeled-csv';
import { computeMetrics, confusedPairs, isCorrect, percentile, tuneThreshold, type Metrics, type Prediction } from './metrics';

/** What an evaluation is run on. */
export interface EvalInput {
  /** The corpus to index, built exactly as reindex builds one. */
  readonly train: Corpus;
  /** Rows to pick the threshold on; without them the bot's default threshold is used. */
  readonly tune?: readonly LabeledRow[];
  readonly test: readonly LabeledRow[];
  readonly indexOptions?: IndexOptionsInput;
  /** Ratios of the numbered-choices rule to measure (see chooseCandidates). Default [DEFAULT_CHOICE_RATIO]. */
  readonly choiceRatios?: readonly number[];
}

/** The figures `faqbot eval --json` prints: exactly these keys. */
export interface EvalReport extends Metrics {
  readonly threshold: number;
  readonly buildMs: number;
  readonly queryP50Ms: number;
  readonly queryP99Ms: number;
  /** Number of test rows. */
  readonly n: number;
}

/** The report with what a person reading the table also wants. */
export interface EvalResult {
  readonly report: EvalReport;
  readonly tuned: boolean;
  readonly counts: { readonly trainAnswers: number; readonly trainQuestions: number; readonly tune: number; readonly testInScope: number; readonly testOos: number };
  readonly confusions: readonly { gold: string; predicted: string; count: number }[];
  /** Every test row answered wrongly or not answered when it should have been, or answered when out of scope, in file order. */
  readonly errors: readonly ErrorRow[];
  /** What the numbered-choices rule does on the test rows, one entry per ratio asked for. */
  readonly choices: readonly ChoiceFigures[];
}

/** Queries run before timing, so the JIT has compiled the scoring path. */
const WARM_UP_QUERIES = 200;

function predict(matcher: Matcher, rows: readonly LabeledRow[]): Prediction[] {
  return rows.map((row) => {
    const top = matcher.match(row.text).candidates[0];
    return { gold: row.label, predicted: top?.id ?? null, score: top?.score ?? 0 };
  });
}

function timeQueries(matcher: Matcher, rows: readonly LabeledRow[]): number[] {
  for (let i = 0; i < Math.min(WARM_UP_QUERIES, rows.length); i++) matcher.match(rows[i]!.text);
  const samples = rows.map((row) => {
    const started = performance.now();
    matcher.match(row.text);
    return performance.now() - started;
  });
  return samples.sort((a, b) => a - b);
}

function errorRows(matcher: Matcher, rows: readonly LabeledRow[], predictions: readonly Prediction[], threshold: number): ErrorRow[] {
  const errors: ErrorRow[] = [];
  predictions.forEach((p, i) => {
    if (isCorrect(p, threshold)) return;
    const { text } = rows[i]!;
    const answered = p.predicted !== null && p.score >= threshold;
    errors.push({ text, expected: p.gold, predicted: answered ? p.predicted : null, confidence: p.score, rank: p.gold === null ? null : matcher.rank(text, p.gold) });
  });
  return errors;
}

/** The numbered-choices figures at each ratio; the near-miss floor is the bot's, or the threshold when that is lower. */
function measureChoices(matcher: Matcher, rows: readonly LabeledRow[], threshold: number, ratios: readonly number[]): ChoiceFigures[] {
  const ranked = rows.map((row) => ({ gold: row.label, candidates: matcher.match(row.text).candidates }));
  const suggestThreshold = Math.min(DEFAULT_MATCH_OPTIONS.suggestThreshold, threshold);
  return ratios.map((ratio) => choiceFigures(ranked, threshold, suggestThreshold, ratio));
}

/** Builds an index from the training corpus in a temporary file, then measures the matcher on the test rows. */
export function runEval(input: EvalInput): EvalResult {
  const file = join(tmpdir(), `faqbot-eval-${process.pid}-${Date.now()}.sqlite`);
  try {
    const meta = buildIndexFile(input.train, file, input.indexOptions);
    const matcher = createMatcher(loadIndex(file));
    const threshold = input.tune === undefined ? DEFAULT_MATCH_OPTIONS.threshold : tuneThreshold(predict(matcher, input.tune));
    const predictions = predict(matcher, input.test);
    const latencies = timeQueries(matcher, input.test);
    const round = (ms: number): number => Number(ms.toFixed(4));
    return {
      report: {
        ...computeMetrics(predictions, threshold),
        threshold,
        buildMs: meta.buildMs,
        queryP50Ms: round(percentile(latencies, 0.5)),
        queryP99Ms: round(percentile(latencies, 0.99)),
        n: input.test.length,
      },
      tuned: input.tune !== undefined,
      counts: {
        trainAnswers: meta.answers,
        trainQuestions: meta.questions,
        tune: input.tune?.length ?? 0,
        testInScope: input.test.filter((r) => r.label !== null).length,
        testOos: input.test.filter((r) => r.label === null).length,
      },
      confusions: confusedPairs(predictions.filter((p) => p.score >= threshold), 10),
      errors: errorRows(matcher, input.test, predictions, threshold),
      choices: measureChoices(matcher, input.test, threshold, input.choiceRatios ?? [DEFAULT_CHOICE_RATIO]),
    };
  } finally {
    rmSync(file, { force: true });
  }
}
