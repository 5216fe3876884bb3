import { expect } from 'chai';
import { type LoadedIndex } from '../../src/index/loaded-index';
import { createMatcher } from '../../src/match/matcher';
import { loadBakeryIndex } from '../helpers/bakery-index';
import { BAKERY_PARAPHRASES } from '../helpers/fixtures';

describe('createMatcher', () => {
  let index: LoadedIndex;
  before(() => {
    index = loadBakeryIndex();
  });

  it('finds the answer of each paraphrase of a corpus question', () => {
    const matcher = createMatcher(index);
    for (const [text, id] of BAKERY_PARAPHRASES) {
      const { best, candidates } = matcher.match(text);
      expect(candidates[0]?.id, text).to.equal(id);
      expect(best?.id, `${text} (score ${candidates[0]?.score})`).to.equal(id);
    }
  });

  it('scores an exact corpus question 1 and names it as the closest question', () => {
    const { best } = createMatcher(index).match('Do you deliver?');
    expect(best).to.include({ id: 'delivery', question: 'do you deliver' });
    expect(best?.score).to.be.closeTo(1, 1e-5);
  });

  it('ranks runners-up by score, each answer once', () => {
    const { candidates } = createMatcher(index).match('do you deliver gluten free bread to my house');
    const ids = candidates.map((c) => c.id);
    expect(ids.slice(0, 2).sort()).to.deep.equal(['delivery', 'gluten-free']);
    expect(new Set(ids).size).to.equal(ids.length);
    const scores = candidates.map((c) => c.score);
    expect(scores).to.deep.equal([...scores].sort((a, b) => b - a));
  });

  it('finds nothing for unrelated text and words the corpus never uses', () => {
    const matcher = createMatcher(index);
    expect(matcher.match('quantum chromodynamics lecture notes')).to.deep.equal({ best: null, candidates: [] });
    expect(matcher.match('').candidates).to.deep.equal([]);
  });

  it('keeps a weak match below the threshold as a candidate only', () => {
    const { best, candidates } = createMatcher(index).match('where is the shop located');
    expect(best).to.equal(null);
    expect(candidates[0]?.id).to.equal('location');
  });

  it('returns no more candidates than asked for', () => {
    expect(createMatcher(index, { candidates: 2 }).match('do you open sundays for cakes and delivery').candidates).to.have.length(2);
  });

  it('refuses a threshold outside 0..1, naming the option', () => {
    expect(() => createMatcher(index, { threshold: 1.5 })).to.throw(RangeError, 'faqbot: match option "threshold" must be a number from 0 to 1, got 1.5');
  });
});
