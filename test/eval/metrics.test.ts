import { expect } from 'chai';
import { computeMetrics, confusedPairs, isCorrect, percentile, tuneThreshold, type Prediction } from '../../src/eval/metrics';

// Six rows worked out by hand. At threshold 0.5, rows 1, 2 and 4 are answered; 3, 5 and 6 fall back.
const ROWS: Prediction[] = [
  { gold: 'a', predicted: 'a', score: 0.9 }, // 1: in scope, right
  { gold: 'a', predicted: 'b', score: 0.8 }, // 2: in scope, wrong answer
  { gold: 'b', predicted: 'b', score: 0.4 }, // 3: in scope, right label but below 0.5
  { gold: null, predicted: 'a', score: 0.6 }, // 4: out of scope, wrongly answered at 0.5
  { gold: null, predicted: 'b', score: 0.2 }, // 5: out of scope, falls back
  { gold: 'b', predicted: null, score: 0 }, // 6: in scope, nothing matched at all
];

describe('computeMetrics', () => {
  it('gives the hand-computed figures at threshold 0.5', () => {
    expect(computeMetrics(ROWS, 0.5)).to.deep.equal({
      inScopeAccuracy: 1 / 4, // row 1 of rows 1, 2, 3, 6
      oosRecall: 1 / 2, // row 5 of rows 4, 5
      oosPrecision: 1 / 3, // row 5 of fallbacks 3, 5, 6
      accuracy: 2 / 6, // rows 1 and 5
    });
  });

  it('counts a score equal to the threshold as answered', () => {
    expect(computeMetrics(ROWS, 0.4).inScopeAccuracy).to.equal(2 / 4);
  });

  it('counts recall and precision as 1 when there is nothing to recall or nothing fell back', () => {
    expect(computeMetrics([{ gold: 'a', predicted: 'a', score: 0.9 }], 0.5)).to.deep.equal({ inScopeAccuracy: 1, oosRecall: 1, oosPrecision: 1, accuracy: 1 });
  });
});

describe('isCorrect', () => {
  it('never counts a row with no prediction as answered, even at threshold 0', () => {
    expect(isCorrect({ gold: null, predicted: null, score: 0 }, 0)).to.equal(true);
    expect(isCorrect({ gold: 'a', predicted: null, score: 0 }, 0)).to.equal(false);
  });
});

describe('tuneThreshold', () => {
  it('picks the most cautious of the best thresholds, halfway to the next score', () => {
    // Accuracy by threshold band: >0.9: 2/6, (0.8,0.9]: 3/6, (0.6,0.8]: 3/6, (0.4,0.6]: 2/6, (0.2,0.4]: 3/6, <=0.2: 2/6.
    expect(tuneThreshold(ROWS)).to.be.closeTo(0.85, 1e-12);
    expect(computeMetrics(ROWS, tuneThreshold(ROWS)).accuracy).to.equal(3 / 6);
  });

  it('answers everything when nothing is out of scope and every answer is right', () => {
    const rows: Prediction[] = [
      { gold: 'a', predicted: 'a', score: 0.3 },
      { gold: 'b', predicted: 'b', score: 0.7 },
    ];
    expect(tuneThreshold(rows)).to.be.closeTo(0.15, 1e-12);
  });

  it('sets the threshold above every score when answering anything only loses', () => {
    const rows: Prediction[] = [
      { gold: null, predicted: 'a', score: 0.7 },
      { gold: 'a', predicted: 'b', score: 0.5 },
    ];
    const threshold = tuneThreshold(rows);
    expect(threshold).to.be.greaterThan(0.7);
    expect(computeMetrics(rows, threshold).accuracy).to.equal(1 / 2);
  });
});

describe('confusedPairs', () => {
  it('counts wrong answers by expected and answered label', () => {
    const rows: Prediction[] = [...ROWS, { gold: 'a', predicted: 'b', score: 0.7 }];
    expect(confusedPairs(rows, 5)).to.deep.equal([
      { gold: 'a', predicted: 'b', count: 2 },
    ]);
  });
});

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const samples = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(samples, 0.5)).to.equal(5);
    expect(percentile(samples, 0.99)).to.equal(10);
    expect(percentile([], 0.5)).to.equal(0);
  });
});
