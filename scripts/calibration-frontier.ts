/**
 * Calibration frontier: for the rows where issue 7 asks for more right few-shot answers, how far any temperature and
 * none score could move in-scope accuracy without lowering out-of-scope recall, and what recall the target would cost.
 * Each corpus is scored once (src/match/query-scores.ts) and every calibration of a grid is measured on those same raw
 * scores (src/eval/calibration-frontier.ts). Run on purpose (`npm run bench:frontier`), never by `npm test`; rerun it after
 * a change to the learner or features, as they move the scores the shipped calibration was placed on.
 */
import { join, resolve } from 'node:path';
import { loadCorpus } from '../src/corpus/load-corpus';
import { type Corpus } from '../src/corpus/types';
import { bestAtAccuracy, bestAtRecall, calibrationGrid, measureCalibration, topOneAccuracy, type CalibrationPoint } from '../src/eval/calibration-frontier';
import { labeledToCorpus } from '../src/eval/labeled-corpus';
import { readLabeledCsv, type LabeledRow } from '../src/eval/labeled-csv';
import { resolveIndexOptions } from '../src/index/options';
import { DEFAULT_MATCH_OPTIONS } from '../src/match/options';
import { clincOffTopic, DATASETS, firstPerLabel, readDevSets } from './dev-datasets';
import { scoreRows } from './scored-rows';

const ROOT = resolve(__dirname, '..');
const TEMPERATURES = [0.05, 0.07, 0.09, 0.1, 0.115, 0.13, 0.15, 0.2, 0.3];
const NONE_SCORES = Array.from({ length: 61 }, (_, i) => Number((0.3 + i * 0.01).toFixed(2)));

interface Row {
  readonly name: string;
  readonly corpus: Corpus;
  /** In-scope test rows and off-topic rows together. */
  readonly test: readonly LabeledRow[];
  /** The in-scope accuracy issue 7 asks for, if any. */
  readonly target?: number;
}



const pct = (x: number): string => (Number.isNaN(x) ? 'n/a' : (100 * x).toFixed(1));
const at = (p: CalibrationPoint | null): string => (p === null ? 'none in grid' : `${pct(p.inScopeAccuracy)} / ${pct(p.oosRecall)} (T ${p.temperature}, none ${p.noneScore})`);

function main(): void {
  const sets = readDevSets();
  const { snipsTrain10, snipsTest, clincTrain, clincVal, clincOosTrain } = sets;
  if ([snipsTrain10, snipsTest, clincTrain, clincVal, clincOosTrain].includes(undefined)) throw new Error(`development sets not found under ${DATASETS}`);
  const offTopic = clincOffTopic(sets)!;
  const runs: Row[] = [
    { name: 'SNIPS train-10 -> test + CLINC150 out-of-scope rows', corpus: labeledToCorpus(snipsTrain10!, 'snips/train-10.csv'), test: [...snipsTest!, ...offTopic], target: 0.94 },
    { name: 'CLINC150 train, 5 per label -> val', corpus: labeledToCorpus(firstPerLabel(clincTrain!, 5), 'clinc150 5 per label'), test: clincVal!, target: 0.68 },
    { name: 'sample corpus -> sample messages + CLINC150 out-of-scope rows', corpus: loadCorpus(join(ROOT, 'corpus')), test: [...readLabeledCsv(join(ROOT, 'test/fixtures/sample-messages.csv')), ...offTopic] },
    { name: 'CLINC150 train -> val', corpus: labeledToCorpus(clincTrain!, 'clinc150/train.csv'), test: clincVal! },
  ];
  const threshold = DEFAULT_MATCH_OPTIONS.threshold;
  const shippedCalibration = resolveIndexOptions().calibration;
  console.log(`threshold ${threshold}; grid: temperatures ${TEMPERATURES.join(', ')}; none scores ${NONE_SCORES[0]} to ${NONE_SCORES.at(-1)} by 0.01`);
  console.log('| row | top-1 % | shipped: in-scope / OOS recall % | best in-scope at the shipped OOS recall or more | target | highest OOS recall reaching the target |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const run of runs) {
    const { rows, vectorAnswer } = scoreRows(run.corpus, run.test);
    const shipped = measureCalibration(rows, vectorAnswer, shippedCalibration, threshold);
    const grid = calibrationGrid(rows, vectorAnswer, TEMPERATURES, NONE_SCORES, threshold);
    const target = run.target === undefined ? 'n/a' : pct(run.target);
    const cost = run.target === undefined ? 'n/a' : at(bestAtAccuracy(grid, run.target));
    console.log(`| ${run.name} | ${pct(topOneAccuracy(rows, vectorAnswer))} | ${pct(shipped.inScopeAccuracy)} / ${pct(shipped.oosRecall)} | ${at(bestAtRecall(grid, shipped.oosRecall))} | ${target} | ${cost} |`);
  }
}

main();
