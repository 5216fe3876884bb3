import { expect } from 'chai';
import { type Postings } from '../../src/index/loaded-index';
import { DEFAULT_CALIBRATION_OPTIONS } from '../../src/index/options';
import { rankAnswers, scoreVectors } from '../../src/match/score';

const sparse = (vectors: number[], weights: number[]): Postings => ({ idf: 1, vectors: Int32Array.from(vectors), weights: Float32Array.from(weights) });

describe('scoreVectors', () => {
  it('gives the same scores, bit for bit, whether a term is held as a postings list or as a dense row', () => {
    const common = sparse([0, 1, 2, 3, 4], [0.1, 0.2, 0.3, 0.4, 0.5]);
    const rare = sparse([3], [0.7]);
    const query = new Map([['c:the', 0.3], ['w:cake', 0.9]]);
    const asLists = scoreVectors(query, new Map([['c:the', common], ['w:cake', rare]]), 5);
    const asRow = scoreVectors(query, new Map([['c:the', { ...common, dense: Float32Array.from([0.1, 0.2, 0.3, 0.4, 0.5]) }], ['w:cake', rare]]), 5);
    expect(Array.from(asRow)).to.deep.equal(Array.from(asLists));
    expect(asLists[3]).to.equal(0.3 * Math.fround(0.4) + 0.9 * Math.fround(0.7));
  });

  it('overwrites the array it is given, so a matcher reuses one for every message', () => {
    const postings = new Map([['w:cake', sparse([1], [0.5])]]);
    const into = Float64Array.from([9, 9, 9]);
    expect(scoreVectors(new Map([['w:cake', 1]]), postings, 3, into)).to.equal(into);
    expect(Array.from(into)).to.deep.equal([0, 0.5, 0]);
  });
});

describe('rankAnswers', () => {
  it('ranks the same with a scratch array as without one', () => {
    const scores = Float64Array.from([0.2, 0.9, 0.5, 0.9]);
    const vectorAnswer = Int32Array.from([0, 1, 2, -1]);
    const scratch = new Float64Array(4).fill(7);
    expect(rankAnswers(scores, vectorAnswer, DEFAULT_CALIBRATION_OPTIONS, 3, scratch)).to.deep.equal(rankAnswers(scores, vectorAnswer, DEFAULT_CALIBRATION_OPTIONS, 3));
  });
});
