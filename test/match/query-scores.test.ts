import { expect } from 'chai';
import { type LoadedIndex } from '../../src/index/loaded-index';
import { createMatcher } from '../../src/match/matcher';
import { createQueryScorer } from '../../src/match/query-scores';
import { loadBakeryIndex } from '../helpers/bakery-index';
import { BAKERY_PARAPHRASES } from '../helpers/fixtures';

describe('createQueryScorer', () => {
  let index: LoadedIndex;
  before(() => {
    index = loadBakeryIndex();
  });

  it('gives one raw score per vector, highest for the answer the matcher puts first', () => {
    const score = createQueryScorer(index);
    const matcher = createMatcher(index);
    for (const [text] of [...BAKERY_PARAPHRASES, ['do you deliver gluten free bread to my house']]) {
      const scores = score(text)!;
      expect(scores).to.have.length(index.vectorAnswer.length);
      const best = scores.indexOf(Math.max(...scores));
      expect(index.answers[index.vectorAnswer[best]!]!.id, text).to.equal(matcher.match(text).candidates[0]!.id);
    }
  });

  it('reads names as the matcher does: an unknown name changes no score', () => {
    const score = createQueryScorer(index);
    expect(Array.from(score('do you deliver to Goncalves')!)).to.deep.equal(Array.from(score('do you deliver to Quiqueran')!));
    expect(score('do you deliver to goncalves')![0]).to.not.equal(score('do you deliver to Goncalves')![0]);
  });

  it('returns null for a message that shares nothing with the index', () => {
    expect(createQueryScorer(index)('xyzzy qwv')).to.equal(null);
    expect(createQueryScorer(index)('14b 78180')).to.equal(null);
  });
});
