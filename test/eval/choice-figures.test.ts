import { expect } from 'chai';
import { choiceFigures, type RankedRow } from '../../src/eval/choice-figures';
import { type Candidate } from '../../src/match/matcher';

const c = (id: string, score: number): Candidate => ({ id, answer: '', category: '', question: `${id}?`, score });

// threshold 0.1, suggest 0.05, ratio 0.5
const ROWS: RankedRow[] = [
  { gold: 'a', candidates: [c('a', 0.9), c('b', 0.1)] }, // answered right
  { gold: 'b', candidates: [c('a', 0.4), c('b', 0.3)] }, // tie: a wrong answer becomes choices holding b
  { gold: 'a', candidates: [c('a', 0.4), c('b', 0.3)] }, // tie: a right answer becomes choices holding a
  { gold: 'c', candidates: [c('a', 0.08), c('b', 0.01)] }, // near miss, choices without c
  { gold: null, candidates: [c('a', 0.5), c('b', 0.01)] }, // out of scope, answered: wrong
  { gold: 'b', candidates: [] }, // nothing scored
];

describe('choiceFigures', () => {
  it('counts what numbered choices change on a labeled set', () => {
    expect(choiceFigures(ROWS, 0.1, 0.05, 0.5)).to.deep.equal({
      ratio: 0.5,
      offeredRate: 3 / 6,
      offeredTies: 2,
      offeredNearMisses: 1,
      answeredAccuracyBefore: 2 / 4,
      answeredAccuracyAfter: 1 / 2,
      answeredRateBefore: 4 / 6,
      answeredRateAfter: 2 / 6,
      choiceContainsRight: 2 / 3,
      reachedRight: 3 / 5,
    });
  });

  it('at ratio 1 offers ties only for equal scores, and still the near misses', () => {
    expect(choiceFigures(ROWS, 0.1, 0.05, 1)).to.include({ offeredTies: 0, offeredNearMisses: 1 });
  });
});
