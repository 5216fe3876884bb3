import { expect } from 'chai';
import { createFeatureExtractor, createTracingFeatureExtractor } from '../../src/text/features';
import { DEFAULT_TEXT_OPTIONS } from '../../src/text/options';

const WORDS_ONLY = { ...DEFAULT_TEXT_OPTIONS, wordBigrams: false, charNgrams: [0, 0] as const, senses: false };
const NO_SENSES = { ...DEFAULT_TEXT_OPTIONS, senses: false };

describe('createFeatureExtractor', () => {
  it('extracts stems, stem pairs with boundary marks, and character n-grams of each word', () => {
    const features = createFeatureExtractor({ ...NO_SENSES, charNgrams: [3, 3] })('Opening hours');
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

  it('adds the most frequent noun and verb sense of each word, so synonyms share a feature', () => {
    const senses = (text: string): string[] => [...createFeatureExtractor(DEFAULT_TEXT_OPTIONS)(text).keys()].filter((key) => key.startsWith('s:'));
    expect(senses('movies').filter((key) => senses('film').includes(key))).to.have.length(1);
    expect(senses('zvooq')).to.deep.equal([]);
    expect(senses('movies')).to.deep.equal([...createFeatureExtractor({ ...NO_SENSES, senses: true, charNgrams: [0, 0], wordBigrams: false })('movies').keys()].slice(1));
  });

  it('adds senses for English only', () => {
    const keys = [...createFeatureExtractor({ ...DEFAULT_TEXT_OPTIONS, language: 'es' })('film').keys()];
    expect(keys.some((key) => key.startsWith('s:'))).to.equal(false);
  });

  it('shares words between phrasings of Chinese, which has no spaces, and reads an index built before that as it was', () => {
    expect(createFeatureExtractor(WORDS_ONLY)('几点开门').get('w:开门')).to.equal(1);
    expect(createFeatureExtractor(WORDS_ONLY)('你们几点开门').get('w:开门')).to.equal(1);
    const { segmentWords: _, ...before } = WORDS_ONLY;
    expect([...createFeatureExtractor(before as typeof WORDS_ONLY)('你们几点开门').keys()]).to.deep.equal(['w:你们几点开门']);
  });

  it('gives no features for emoji or punctuation only', () => {
    expect(createFeatureExtractor(DEFAULT_TEXT_OPTIONS)('👍 ?!').size).to.equal(0);
  });

  describe('createTracingFeatureExtractor', () => {
    it('gives the same counts as createFeatureExtractor', () => {
      const text = 'Do you deliver cakes to Mill Lane? cakes!';
      expect([...createTracingFeatureExtractor(DEFAULT_TEXT_OPTIONS)(text).counts]).to.deep.equal([...createFeatureExtractor(DEFAULT_TEXT_OPTIONS)(text)]);
    });

    it('names the words each feature came from: one for stems and n-grams, both for a pair, the first occurrence', () => {
      const { words, sources } = createTracingFeatureExtractor({ ...DEFAULT_TEXT_OPTIONS, charNgrams: [3, 3] })('open shop open');
      expect(words).to.deep.equal(['open', 'shop', 'open']);
      expect(sources.get('w:open')).to.deep.equal([0]);
      expect(sources.get('b:<s> open')).to.deep.equal([0]);
      expect(sources.get('b:open shop')).to.deep.equal([0, 1]);
      expect(sources.get('b:shop open')).to.deep.equal([1, 2]);
      expect(sources.get('b:open </s>')).to.deep.equal([2]);
      expect(sources.get('c:sho')).to.deep.equal([1]);
    });

    it('leaves the skipped words out entirely: their stems, their pairs and their n-grams, but not the same n-grams of other words', () => {
      const { counts, words } = createTracingFeatureExtractor({ ...NO_SENSES, charNgrams: [3, 3] })('open Shopo shop', new Set([1]));
      expect(words).to.deep.equal(['open', 'shopo', 'shop']);
      expect([...counts.keys()].filter((key) => !key.startsWith('c:'))).to.deep.equal(['w:open', 'w:shop', 'b:<s> open', 'b:shop </s>']);
      expect(counts.get('c:sho')).to.equal(1);
      expect(counts.has('c:opo')).to.equal(false);
    });

    it('points past removed stop words to the positions of the words kept', () => {
      const { sources } = createTracingFeatureExtractor({ ...WORDS_ONLY, wordBigrams: true, removeStopWords: true })('when do you open shops');
      expect(sources.get('b:open shop')).to.deep.equal([3, 4]);
    });
  });
});
