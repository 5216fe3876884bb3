/**
 * Calibration grid: the tool issue 7's changes were chosen with. Every bench:quality row is built once (in memory, as
 * lint builds it) with this tree's code and the index options in GRID_OPTIONS, every test row is scored once, and then
 * the shipped calibration and a grid of temperatures x none scores are measured on those raw scores. A point passes when
 * every floor of issue 7 and every guard holds; the passing points are listed best first by the two few-shot rows.
 * A change to features or the learner is worth shipping only if some point passes and beats the shipped figures.
 * Run on purpose, never by `npm test`: `npm run bench:calibration` (about a minute on an idle machine).
 * Env: GRID_OPTIONS='{"training":{"aggressiveness":2}}' (JSON, index options over the defaults);
 * GRID_T='0.1,0.16,0.005' and GRID_NONE='0.5,0.8,0.01' (first, last, step).
 */
import { join, resolve } from 'node:path';
import { loadCorpus } from '../src/corpus/load-corpus';
import { type Corpus } from '../src/corpus/types';
import { topOneAccuracy, type ScoredRow } from '../src/eval/calibration-frontier';
import { labeledToCorpus } from '../src/eval/labeled-corpus';
import { readLabeledCsv } from '../src/eval/labeled-csv';
import { computeMetrics, tuneThreshold, type Metrics, type Prediction } from '../src/eval/metrics';
import { resolveIndexOptions, type CalibrationOptions, type IndexOptions, type IndexOptionsInput } from '../src/index/options';
import { foldCorpora } from '../src/lint/cross-validate';
import { listQuestions } from '../src/lint/list-questions';
import { DEFAULT_MATCH_OPTIONS } from '../src/match/options';
import { rankAnswers } from '../src/match/score';
import { clincOffTopic, firstPerLabel, prefixed, requireDevSets } from './dev-datasets';
import { scoreRows, type ScoredRows } from './scored-rows';

const ROOT = resolve(__dirname, '..');

/** lint's 5-fold cross-validation of a corpus, as one scored set: each question scored by an index built without its fold. */
function scoreFolds(corpus: Corpus, options: IndexOptions): ScoredRows {
  const questions = listQuestions(corpus);
  const rows = new Array<ScoredRow>(questions.length);
  let scored: ScoredRows | undefined;
  for (const { train, heldOut } of foldCorpora(corpus, questions, 5)) {
    scored = scoreRows(train, heldOut.map((i) => ({ text: questions[i]!.text, label: questions[i]!.answer === null ? null : questions[i]!.id })), options);
    heldOut.forEach((i, k) => (rows[i] = scored!.rows[k]!));
  }
  // Every fold keeps every answer in place, so one fold's vector layout serves them all.
  return { rows, vectorAnswer: scored!.vectorAnswer, ids: scored!.ids };
}

/** The set's predictions under one calibration: the bot's top answer and its confidence, before any threshold. */
function predict({ rows, vectorAnswer, ids }: ScoredRows, calibration: CalibrationOptions): Prediction[] {
  return rows.map(({ scores, gold }) => {
    const top = scores === null ? undefined : rankAnswers(scores, vectorAnswer, calibration, 1)[0];
    return { gold: gold === null ? null : ids[gold]!, predicted: top === undefined ? null : ids[top.answer]!, score: top?.score ?? 0 };
  });
}

type RowName = 'clinc' | 'clinc5' | 'banking' | 'snips10' | 'snips' | 'snipsProbe' | 'merged' | 'sample' | 'sampleProbe' | 'folds';

/** One calibration's figures on every row at the shipped threshold, plus CLINC150 with the threshold tuned on val. */
interface GridPoint {
  readonly temperature: number;
  readonly noneScore: number;
  readonly rows: Readonly<Record<RowName, Metrics>>;
  readonly clincTuned: Metrics;
  /** The floors and guards this point misses; empty when it passes. */
  readonly misses: string[];
}

// Issue 7's floors, and guards at main's figures of 2026-11-27 (docs/quality.md): no out-of-scope recall may fall.
// Small corpora's counts are few, so their guards compare ratios of counts with a little room for rounding.
const AT_LEAST = 1e-9;
function checks(rows: Readonly<Record<RowName, Metrics>>, tuned: Metrics): [string, boolean][] {
  const atLeast = (x: number, floor: number): boolean => x >= floor - AT_LEAST;
  return [
    ['SNIPS >= 98.5', atLeast(rows.snips.inScopeAccuracy, 0.985)],
    ['CLINC150 tuned >= 92.5 / 60', atLeast(tuned.inScopeAccuracy, 0.925) && atLeast(tuned.oosRecall, 0.6)],
    ['CLINC150 >= 92.5 / 45', atLeast(rows.clinc.inScopeAccuracy, 0.925) && atLeast(rows.clinc.oosRecall, 0.45)],
    ['BANKING77 >= 91.5', atLeast(rows.banking.inScopeAccuracy, 0.915)],
    ['merged >= 91.5 / 40', atLeast(rows.merged.inScopeAccuracy, 0.915) && atLeast(rows.merged.oosRecall, 0.4)],
    ['SNIPS probe >= 94.5', atLeast(rows.snipsProbe.oosRecall, 0.945)],
    ['sample probe >= 87', atLeast(rows.sampleProbe.oosRecall, 0.87)],
    ['5 per label OOS >= 86', atLeast(rows.clinc5.oosRecall, 0.86)],
    ['sample messages >= 11/12, 8/10', atLeast(rows.sample.inScopeAccuracy, 11 / 12) && atLeast(rows.sample.oosRecall, 0.8)],
    ['sample folds >= 40.2 / 80', rows.folds.inScopeAccuracy >= 0.4015 && atLeast(rows.folds.oosRecall, 0.8)],
  ];
}

/** Every row's figures under one calibration, and which floors and guards they miss. */
function measurePoint(sets: Readonly<Record<RowName, ScoredRows>>, calibration: CalibrationOptions, threshold: number): GridPoint {
  const predictions = Object.fromEntries(Object.entries(sets).map(([name, set]) => [name, predict(set, calibration)])) as Record<RowName, Prediction[]>;
  const rows = Object.fromEntries(Object.entries(predictions).map(([name, p]) => [name, computeMetrics(p, threshold)])) as Record<RowName, Metrics>;
  const clincTuned = computeMetrics(predictions.clinc, tuneThreshold(predictions.clinc));
  const misses = checks(rows, clincTuned).flatMap(([name, ok]) => (ok ? [] : [name]));
  return { temperature: calibration.temperature, noneScore: calibration.noneScore, rows, clincTuned, misses };
}

const pct = (x: number): string => (100 * x).toFixed(1);
const inOut = (m: Metrics): string => `${pct(m.inScopeAccuracy)} / ${pct(m.oosRecall)}`;
/** One point as a line: the few-shot rows first, then the guards and the floors. */
function describe(p: GridPoint): string {
  const r = p.rows;
  return (
    `T ${p.temperature} none ${p.noneScore}: SNIPS-10 ${pct(r.snips10.inScopeAccuracy)} | 5/label ${inOut(r.clinc5)} | SNIPS probe ${pct(r.snipsProbe.oosRecall)} | ` +
    `sample probe ${pct(r.sampleProbe.oosRecall)} | sample ${inOut(r.sample)} | folds ${inOut(r.folds)} | SNIPS ${pct(r.snips.inScopeAccuracy)} | ` +
    `CLINC150 ${inOut(r.clinc)} | tuned ${inOut(p.clincTuned)} | BANKING77 ${pct(r.banking.inScopeAccuracy)} | merged ${inOut(r.merged)}` +
    (p.misses.length === 0 ? ' | passes' : ` | misses ${p.misses.join(', ')}`)
  );
}

/** `first,last,step` as the list of values. */
function steps(spec: string): number[] {
  const [first, last, step] = spec.split(',').map(Number);
  if (first === undefined || last === undefined || step === undefined || !(step > 0)) throw new Error(`expected first,last,step, got "${spec}"`);
  const values: number[] = [];
  for (let x = first; x <= last + 1e-9; x += step) values.push(Number(x.toFixed(4)));
  return values;
}

function main(): void {
  const input = process.env.GRID_OPTIONS === undefined ? {} : (JSON.parse(process.env.GRID_OPTIONS) as IndexOptionsInput);
  const options = resolveIndexOptions(input);
  const dev = requireDevSets();
  const { clincTrain, clincVal, bankingTrain, bankingTest, snipsTrain, snipsTrain10, snipsTest } = dev;
  const offTopic = clincOffTopic(dev)!;
  const bikeShop = loadCorpus(join(ROOT, 'corpus'));
  const few = labeledToCorpus(snipsTrain10, 'snips/train-10.csv');
  const started = Date.now();
  const sets: Record<RowName, ScoredRows> = {
    clinc: scoreRows(labeledToCorpus(clincTrain, 'clinc150/train.csv'), clincVal, options),
    clinc5: scoreRows(labeledToCorpus(firstPerLabel(clincTrain, 5), 'clinc150 5 per label'), clincVal, options),
    banking: scoreRows(labeledToCorpus(bankingTrain, 'banking77/train.csv'), bankingTest, options),
    snips10: scoreRows(few, snipsTest, options),
    snips: scoreRows(labeledToCorpus(snipsTrain, 'snips/train.csv'), snipsTest, options),
    snipsProbe: scoreRows(few, offTopic, options),
    merged: scoreRows(
      labeledToCorpus([...prefixed('clinc', clincTrain), ...prefixed('banking', bankingTrain), ...prefixed('snips', snipsTrain)], 'merged train'),
      [...prefixed('clinc', clincVal), ...prefixed('banking', bankingTest), ...prefixed('snips', snipsTest)],
      options,
    ),
    sample: scoreRows(bikeShop, readLabeledCsv(join(ROOT, 'test/fixtures/sample-messages.csv')), options),
    sampleProbe: scoreRows(bikeShop, offTopic, options),
    folds: scoreFolds(bikeShop, options),
  };
  console.log(`options ${JSON.stringify(input)}; built and scored in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const topOne = (name: RowName): string => pct(topOneAccuracy(sets[name].rows, sets[name].vectorAnswer));
  console.log(`top-1: SNIPS-10 ${topOne('snips10')}, 5/label ${topOne('clinc5')}, CLINC150 ${topOne('clinc')}, merged ${topOne('merged')}`);

  const threshold = DEFAULT_MATCH_OPTIONS.threshold;
  const { unknownWeights } = options.calibration;
  console.log(`shipped ${describe(measurePoint(sets, options.calibration, threshold))}`);
  const points = steps(process.env.GRID_T ?? '0.1,0.16,0.005').flatMap((temperature) =>
    steps(process.env.GRID_NONE ?? '0.5,0.8,0.01').map((noneScore) => measurePoint(sets, { temperature, noneScore, unknownWeights }, threshold)),
  );
  // Each few-shot row counted against its own target, so neither row's gain hides the other's loss.
  const fewShot = (p: GridPoint): number => p.rows.snips10.inScopeAccuracy / 0.94 + p.rows.clinc5.inScopeAccuracy / 0.68;
  const passing = points.filter((p) => p.misses.length === 0).sort((a, b) => fewShot(b) - fewShot(a));
  console.log(`${passing.length} of ${points.length} grid points pass every floor and guard${passing.length > 0 ? '; the best:' : ''}`);
  for (const p of passing.slice(0, 5)) console.log(`  ${describe(p)}`);
}

main();
