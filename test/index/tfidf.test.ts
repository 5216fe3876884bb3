import { expect } from 'chai';
import { countTerms, documentFrequencies, inverseDocumentFrequency, norm, normalizeVector, weighTerms } from '../../src/index/tfidf';

describe('tfidf', () => {
  it('countTerms counts repeats', () => {
    expect([...countTerms(['a', 'b', 'a'])]).to.deep.equal([
      ['a', 2],
      ['b', 1],
    ]);
  });

  it('documentFrequencies counts a term once per document', () => {
    expect(documentFrequencies([['a', 'a', 'b'], ['a']]).get('a')).to.equal(2);
  });

  it('inverseDocumentFrequency is smoothed: 1 for a term in every document, higher for rarer terms', () => {
    expect(inverseDocumentFrequency(10, 10)).to.be.closeTo(1 + Math.log(11 / 11), 1e-12);
    expect(inverseDocumentFrequency(1, 10)).to.be.closeTo(1 + Math.log(11 / 2), 1e-12);
  });

  it('weighTerms drops unknown terms and applies sublinear tf', () => {
    const idf = (t: string): number | undefined => ({ a: 2, b: 1 })[t];
    expect([...weighTerms(new Map([['a', 3], ['zzz', 1]]), idf, true)]).to.deep.equal([['a', (1 + Math.log(3)) * 2]]);
    expect([...weighTerms(new Map([['a', 3]]), idf, false)]).to.deep.equal([['a', 6]]);
  });

  it('normalizeVector gives unit length and leaves the zero vector empty', () => {
    expect(norm(normalizeVector(new Map([['a', 3], ['b', 4]])))).to.be.closeTo(1, 1e-12);
    expect(normalizeVector(new Map()).size).to.equal(0);
  });
});
