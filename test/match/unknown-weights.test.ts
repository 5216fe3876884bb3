import { expect } from 'chai';
import { unknownFeatureWeights, unknownNames } from '../../src/match/unknown-weights';
import { createTracingFeatureExtractor } from '../../src/text/features';
import { DEFAULT_TEXT_OPTIONS } from '../../src/text/options';
import { type TokenClass } from '../../src/text/token-class';

const WEIGHTS = { name: 0, word: 1.5, other: 1 };
const extract = createTracingFeatureExtractor({ ...DEFAULT_TEXT_OPTIONS, charNgrams: [3, 3] });

describe('unknownFeatureWeights', () => {
  // The index knows "book" and "table" and nothing else.
  const known = new Set(['w:book', 'w:tabl', 'b:book tabl']);
  const isKnown = (key: string): boolean => known.has(key);
  const traced = extract('book table Cinq weather');
  const classes: TokenClass[] = ['word', 'word', 'name', 'word'];
  const { idf, weight } = unknownFeatureWeights(traced, (position) => classes[position]!, isKnown, WEIGHTS, 7);

  it('weighs an unknown word, its n-grams and its pairs by its kind', () => {
    expect(idf).to.equal(7);
    expect(weight!('w:cinq')).to.equal(0);
    expect(weight!('c:cin')).to.equal(0);
    expect(weight!('w:weather')).to.equal(1.5);
    expect(weight!('c:wea')).to.equal(1.5);
    expect(weight!('b:weather </s>')).to.equal(1.5);
  });

  it('gives a pair the kind of its first unknown word', () => {
    expect(weight!('b:tabl cinq')).to.equal(0);
    expect(weight!('b:cinq weather')).to.equal(0);
  });

  it('counts features of known words only (a new pair, an unseen n-gram) in full', () => {
    expect(weight!('b:<s> book')).to.equal(1);
    expect(weight!('c:tab')).to.equal(1);
  });
});

describe('unknownNames', () => {
  const known = new Set(['w:book', 'w:tabl']);
  const isKnown = (key: string): boolean => known.has(key);

  it('finds the words that are names the index has never seen, not known names nor unknown common words', () => {
    const traced = extract('book Table at Cinq weather');
    const classes: TokenClass[] = ['word', 'name', 'word', 'name', 'word'];
    expect([...unknownNames(traced, (position) => classes[position]!, isKnown)]).to.deep.equal([3]);
  });
});
