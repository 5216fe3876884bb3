import { expect } from 'chai';
import { type LoadedIndex } from '../../src/index/loaded-index';
import { createMatcher } from '../../src/match/matcher';
import { loadBakeryIndex, loadCsvIndex } from '../helpers/bakery-index';
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

  it('answers a message the same whatever it matched before (its score arrays are reused)', () => {
    const matcher = createMatcher(index);
    const first = matcher.match('do you deliver gluten free bread to my house');
    matcher.match('Do you deliver?');
    expect(matcher.match('do you deliver gluten free bread to my house')).to.deep.equal(first);
    expect(createMatcher(index).match('do you deliver gluten free bread to my house')).to.deep.equal(first);
  });

  it('is all but certain of an exact corpus question, and names the answer’s first question', () => {
    const { best } = createMatcher(index).match('Do you deliver?');
    expect(best).to.include({ id: 'delivery', question: 'do you deliver' });
    expect(best?.score).to.be.greaterThan(0.95);
  });

  it('gives confidences that sum to at most 1 over all answers', () => {
    const { candidates } = createMatcher(index, { candidates: 5 }).match('do you deliver cakes');
    expect(candidates).to.have.length(5);
    expect(candidates.reduce((sum, c) => sum + c.score, 0)).to.be.at.most(1);
  });

  it('ranks runners-up by score, each answer once', () => {
    const { candidates } = createMatcher(index).match('do you deliver gluten free bread to my house');
    const ids = candidates.map((c) => c.id);
    expect(ids.slice(0, 2).sort()).to.deep.equal(['delivery', 'gluten-free']);
    expect(new Set(ids).size).to.equal(ids.length);
    const scores = candidates.map((c) => c.score);
    expect(scores).to.deep.equal([...scores].sort((a, b) => b - a));
  });

  it('has next to no confidence in unrelated text, and no candidates at all for unknown words', () => {
    const matcher = createMatcher(index);
    const unrelated = matcher.match('who won the football match last night');
    expect(unrelated.best).to.equal(null);
    // Far below even the "did you mean" threshold (0.035).
    expect(unrelated.candidates[0]!.score).to.be.below(0.02);
    expect(matcher.match('xyzzy qwv')).to.deep.equal({ best: null, candidates: [] });
    expect(matcher.match('').candidates).to.deep.equal([]);
  });

  it('keeps a weak match below the threshold as a candidate only', () => {
    const { best, candidates } = createMatcher(index).match('loaf');
    expect(best).to.equal(null);
    expect(candidates[0]?.id).to.equal('gluten-free');
  });

  it('returns no more candidates than asked for', () => {
    expect(createMatcher(index, { candidates: 2 }).match('do you open sundays for cakes and delivery').candidates).to.have.length(2);
  });

  it('refuses a threshold outside 0..1, naming the option', () => {
    expect(() => createMatcher(index, { threshold: 1.5 })).to.throw(RangeError, 'faqbot: match option "threshold" must be a number from 0 to 1, got 1.5');
  });

  it('learns from answer texts: words only an answer uses still find it', () => {
    expect(createMatcher(index).match('brownies on fridays').best?.id).to.equal('gluten-free');
  });

  it('does not let unknown names and numbers by themselves turn a clear match into a fallback', () => {
    const matcher = createMatcher(index);
    // Capitalised after the first word or holding digits: names, places, order numbers.
    expect(matcher.match('do you deliver to Jean Philippe Goncalves in Saint Quentin Yvelines').best?.score).to.be.above(0.9);
    expect(matcher.match('do you deliver to 14b Rue Xavier Quiqueran 78180').best?.score).to.be.above(0.9);
    // The same words typed in lower case cannot be told from words the corpus lacks, and count against the match.
    expect(matcher.match('do you deliver to jean philippe goncalves in saint quentin yvelines').best?.score).to.be.below(0.5);
  });

  it('scores a message with an unknown name as the message without it: the name’s letters count for nothing', () => {
    const matcher = createMatcher(index);
    // "Goncalves" and "Quiqueran" share different n-grams (" go", "nca", " qu", "ran") with words the corpus knows;
    // they neither match nor dilute, so the two messages score alike.
    const score = (text: string): number => matcher.match(text).candidates[0]!.score;
    expect(score('do you deliver to Goncalves')).to.be.above(0.9).and.closeTo(score('do you deliver to Quiqueran'), 1e-9);
    // A message that is only unknown names and numbers has nothing left to match.
    expect(matcher.match('14b 78180').candidates).to.deep.equal([]);
  });

  it('still falls back on a message of known little words and unknown dictionary words', () => {
    const { best, candidates } = createMatcher(index).match('what is the weather forecast for tomorrow');
    expect(best).to.equal(null);
    expect(candidates[0]!.score).to.be.below(0.07);
  });

  it('ranks any answer for a message as match orders its candidates, and knows no rank for an unknown id', () => {
    const matcher = createMatcher(index, { candidates: 5 });
    const ids = matcher.match('do you deliver cakes').candidates.map((c) => c.id);
    expect(ids.map((id) => matcher.rank('do you deliver cakes', id))).to.deep.equal([1, 2, 3, 4, 5]);
    expect(matcher.rank('do you deliver cakes', 'no-such-answer')).to.equal(null);
    expect(matcher.rank('xyzzy qwv', 'delivery')).to.equal(null);
  });

  it('answers a Chinese FAQ asked in other words, as the words of a language without spaces are found, and refuses an unrelated question', () => {
    const chinese = loadCsvIndex(`id,question,answer
hours,你们几点开门,我们每天9点到17点营业。
hours,营业时间是什么时候,
delivery,你们送货吗,我们在5公里内送货。
delivery,可以送到家吗,
price,这个多少钱,价格请看我们的网站。
`);
    const matcher = createMatcher(chinese);
    expect(matcher.match('几点开门').best?.id).to.equal('hours');
    expect(matcher.match('送货到家吗').best?.id).to.equal('delivery');
    expect(matcher.match('今天天气怎么样').best).to.equal(null);
  });
});
