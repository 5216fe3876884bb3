import { expect } from 'chai';
import { createFeatureExtractor } from '../../src/text/features';
import { DEFAULT_TEXT_OPTIONS } from '../../src/text/options';

const WORDS_ONLY = { ...DEFAULT_TEXT_OPTIONS, wordBigrams: false, charNgrams: [0, 0] as const };

describe('createFeatureExtractor', () => {
  it('extracts stems, stem pairs with boundary marks, and character n-grams of each word', () => {
    const features = createFeatureExtractor({ ...DEFAULT_TEXT_OPTIONS, charNgrams: [3, 3] })('Opening hours');
    expect([...features.keys()]).to.deep.equal([
      'w:open',
      'w:hour',
      'b:<s> open',
      'b:open hour',
      'b:hour </s>',
      'c: op',
      'c:ope',
      'c:pen',
      'c:eni',
      'c:nin',
      'c:ing',
      'c:ng ',
      'c: ho',
      'c:hou',
      'c:our',
      'c:urs',
      'c:rs ',
    ]);
  });

  it('counts repeated features', () => {
    expect(createFeatureExtractor(WORDS_ONLY)('bike bike bikes').get('w:bike')).to.equal(3);
  });

  it('maps inflections of a word to one stem', () => {
    const extract = createFeatureExtractor(WORDS_ONLY);
    expect([...extract('repairs').keys()]).to.deep.equal([...extract('repairing').keys()]);
  });

  it('shares character n-grams between a word and its misspelling', () => {
    const extract = createFeatureExtractor({ ...DEFAULT_TEXT_OPTIONS, wordBigrams: false });
    const right = [...extract('puncture').keys()].filter((k) => k.startsWith('c:'));
    const typo = new Set([...extract('punctre').keys()]);
    expect(right.filter((k) => typo.has(k)).length).to.be.greaterThan(right.length / 2);
  });

  it('keeps question words unless stop words are removed', () => {
    expect([...createFeatureExtractor(WORDS_ONLY)('when do you open').keys()]).to.deep.equal(['w:when', 'w:do', 'w:you', 'w:open']);
    expect([...createFeatureExtractor({ ...WORDS_ONLY, removeStopWords: true })('when do you open').keys()]).to.deep.equal(['w:open']);
  });

  it('uses the stemmer of the configured language', () => {
    const spanish = createFeatureExtractor({ ...WORDS_ONLY, language: 'es' });
    expect([...spanish('bicicletas').keys()]).to.deep.equal([...spanish('bicicleta').keys()]);
  });

  it('gives no features for emoji or punctuation only', () => {
    expect(createFeatureExtractor(DEFAULT_TEXT_OPTIONS)('👍 ?!').size).to.equal(0);
  });
});
