import { expect } from 'chai';
import { createAnalyzer } from '../../src/text/analyze';
import { DEFAULT_TEXT_OPTIONS } from '../../src/text/options';

describe('createAnalyzer', () => {
  it('stems words and adds adjacent pairs by default', () => {
    const analyze = createAnalyzer(DEFAULT_TEXT_OPTIONS);
    expect(analyze('Opening hours')).to.deep.equal(['open', 'hour', 'open hour']);
  });

  it('maps inflections of a word to one term', () => {
    const analyze = createAnalyzer({ ...DEFAULT_TEXT_OPTIONS, wordBigrams: false });
    expect(analyze('repairs')).to.deep.equal(analyze('repairing'));
  });

  it('keeps question words unless stop words are removed', () => {
    const keep = createAnalyzer({ ...DEFAULT_TEXT_OPTIONS, wordBigrams: false });
    const drop = createAnalyzer({ ...DEFAULT_TEXT_OPTIONS, wordBigrams: false, removeStopWords: true });
    expect(keep('when do you open')).to.deep.equal(['when', 'do', 'you', 'open']);
    expect(drop('when do you open')).to.deep.equal(['open']);
  });

  it('uses the stemmer of the configured language', () => {
    const spanish = createAnalyzer({ language: 'es', removeStopWords: false, wordBigrams: false });
    expect(spanish('bicicletas')).to.deep.equal(spanish('bicicleta'));
  });
});
