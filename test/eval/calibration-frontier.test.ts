import { expect } from 'chai';
import { join } from 'node:path';
import { loadCorpus } from '../../src/corpus/load-corpus';
import {
  bestAtAccuracy,
  bestAtRecall,
  calibrationGrid,
  measureCalibration,
  topOneAccuracy,
  type CalibrationPoint,
  type ScoredRow,
} from '../../src/eval/calibration-frontier';
import { readLabeledCsv, type LabeledRow } from '../../src/eval/labeled-csv';
import { buildModel } from '../../src/index/model';
import { type LoadedIndex } from '../../src/index/loaded-index';
import { resolveIndexOptions, type CalibrationOptions } from '../../src/index/options';
import { indexInMemory } from '../../src/lint/in-memory-index';
import { createMatcher } from '../../src/match/matcher';
import { DEFAULT_MATCH_OPTIONS } from '../../src/match/options';
import { createQueryScorer } from '../../src/match/query-scores';

const ROOT = join(__dirname, '../..');

const corpus = loadCorpus(join(ROOT, 'corpus'));
// Calibration options do not shape the learned vectors, so one model serves every calibration.
const model = buildModel(corpus, resolveIndexOptions());

/** The bike-shop corpus indexed in memory with `calibration` stored, as reindex would store it. */
function bikeShop(calibration: Partial<CalibrationOptions> = {}): LoadedIndex {
  return indexInMemory(corpus, model, resolveIndexOptions({ calibration }));
}

function scored(index: LoadedIndex, messages: readonly LabeledRow[]): ScoredRow[] {
  const score = createQueryScorer(index);
  const position = new Map(index.answers.map((answer, i) => [answer.id, i]));
  return messages.map((row) => ({ scores: score(row.text), gold: row.label === null ? null : position.get(row.label)! }));
}

/** In-scope accuracy and OOS recall counted from the matcher's own decisions. */
function matcherFigures(index: LoadedIndex, messages: readonly LabeledRow[], threshold: number): { inScopeAccuracy: number; oosRecall: number } {
  const matcher = createMatcher(index, { threshold });
  const inScope = messages.filter((row) => row.label !== null);
  const oos = messages.filter((row) => row.label === null);
  return {
    inScopeAccuracy: inScope.filter((row) => matcher.match(row.text).best?.id === row.label).length / inScope.length,
    oosRecall: oos.filter((row) => matcher.match(row.text).best === null).length / oos.length,
  };
}

const point = (inScopeAccuracy: number, oosRecall: number, noneScore = 0.6): CalibrationPoint => ({ temperature: 0.1, noneScore, inScopeAccuracy, oosRecall });

describe('calibration frontier', () => {
  const messages = readLabeledCsv(join(ROOT, 'test/fixtures/sample-messages.csv'));

  it('measures a calibration on raw scores exactly as the matcher of an index built with it answers', () => {
    const index = bikeShop();
    const rows = scored(index, messages);
    const { vectorAnswer } = index;
    for (const calibration of [{ temperature: 0.115, noneScore: 0.6 }, { temperature: 0.2, noneScore: 0.4 }, { temperature: 0.05, noneScore: 0.7 }]) {
      for (const threshold of [DEFAULT_MATCH_OPTIONS.threshold, 0.3]) {
        const expected = matcherFigures(bikeShop(calibration), messages, threshold);
        const measured = measureCalibration(rows, vectorAnswer, calibration, threshold);
        expect(measured, JSON.stringify({ calibration, threshold })).to.deep.equal({ ...calibration, ...expected });
      }
    }
  });

  it('bounds every calibration of a grid by top-1 accuracy, which it equals when nothing is refused', () => {
    const index = bikeShop();
    const rows = scored(index, messages);
    const matcher = createMatcher(index);
    const inScope = messages.filter((row) => row.label !== null);
    const top = topOneAccuracy(rows, index.vectorAnswer);
    expect(top).to.equal(inScope.filter((row) => matcher.match(row.text).candidates[0]?.id === row.label).length / inScope.length);
    const grid = calibrationGrid(rows, index.vectorAnswer, [0.05, 0.115, 0.3], [0.2, 0.6, 1], DEFAULT_MATCH_OPTIONS.threshold);
    expect(grid).to.have.length(9);
    expect(grid.map((p) => [p.temperature, p.noneScore])).to.deep.include.members([[0.05, 0.2], [0.3, 1]]);
    for (const p of grid) expect(p.inScopeAccuracy).to.be.at.most(top);
    // A higher none score takes a larger share from every answer: it never answers more, and at some point answers less.
    const at115 = grid.filter((p) => p.temperature === 0.115);
    expect(at115[0]!.inScopeAccuracy).to.be.at.least(at115[2]!.inScopeAccuracy);
    expect(at115[2]!.oosRecall).to.be.at.least(at115[0]!.oosRecall);
    expect(at115[2]!.inScopeAccuracy).to.be.below(at115[0]!.inScopeAccuracy);
  });

  it('counts a message that shares nothing with the index as refused: right when out of scope, wrong when not', () => {
    const vectorAnswer = Int32Array.from([0, 1]);
    const rows: ScoredRow[] = [
      { scores: null, gold: null },
      { scores: null, gold: 0 },
      { scores: Float64Array.from([2, 0]), gold: 0 },
      { scores: Float64Array.from([2, 0]), gold: null },
    ];
    expect(measureCalibration(rows, vectorAnswer, { temperature: 0.1, noneScore: 0.5 }, 0.5)).to.include({ inScopeAccuracy: 0.5, oosRecall: 0.5 });
    expect(topOneAccuracy(rows, vectorAnswer)).to.equal(0.5);
  });

  it('never lets the out-of-scope vector answer, though it takes its share', () => {
    const vectorAnswer = Int32Array.from([0, -1]);
    const rows: ScoredRow[] = [{ scores: Float64Array.from([0.5, 1]), gold: 0 }];
    // Answer 0 ranks first among answers (top-1 1), but the out-of-scope vector's share keeps it below the threshold.
    expect(topOneAccuracy(rows, vectorAnswer)).to.equal(1);
    expect(measureCalibration(rows, vectorAnswer, { temperature: 0.1, noneScore: 0 }, 0.07).inScopeAccuracy).to.equal(0);
  });

  it('picks the most accurate point at a recall floor, the floor itself included, and the best recall at an accuracy target', () => {
    const points = [point(0.9, 0.5), point(0.8, 2 / 3), point(0.7, 0.9), point(0.95, 0.4)];
    expect(bestAtRecall(points, 2 / 3)).to.equal(points[1]);
    // The same recall computed from other counts (4 of 6) still counts as reaching the floor.
    expect(bestAtRecall(points, 4 / 6 + 1e-12)).to.equal(points[1]);
    expect(bestAtRecall(points, 0.3)).to.equal(points[3]);
    expect(bestAtRecall(points, 0.95)).to.equal(null);
    expect(bestAtAccuracy(points, 0.8)).to.equal(points[1]);
    expect(bestAtAccuracy(points, 0.99)).to.equal(null);
    expect(bestAtRecall([point(Number.NaN, 0.5)], 0.6)).to.equal(null);
  });
});
