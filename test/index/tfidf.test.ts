import { expect } from 'chai';
import { DEFAULT_WEIGHTING_OPTIONS, documentFrequencies, inverseDocumentFrequency, weighFeatureIds, weighFeatures } from '../../src/index/tfidf';
import { createFeatureExtractor, featureKindIndex } from '../../src/text/features';
import { DEFAULT_TEXT_OPTIONS } from '../../src/text/options';

const length = (v: ReadonlyMap<string, number>): number => Math.sqrt([...v.values()].reduce((s, x) => s + x * x, 0));

describe('tfidf', () => {
  it('documentFrequencies counts a feature once per document', () => {
    const df = documentFrequencies([new Map([['w:a', 2], ['w:b', 1]]), new Map([['w:a', 1]])]);
    expect([...df]).to.deep.equal([
      ['w:a', 2],
      ['w:b', 1],
    ]);
  });

  it('inverseDocumentFrequency is smoothed: 1 for a feature in every document, higher for rarer ones', () => {
    expect(inverseDocumentFrequency(10, 10)).to.be.closeTo(1, 1e-12);
    expect(inverseDocumentFrequency(1, 10)).to.be.closeTo(1 + Math.log(11 / 2), 1e-12);
  });

  describe('weighFeatures', () => {
    const idf = (key: string): number | undefined => ({ 'w:a': 2, 'w:b': 1, 'c:ab': 1 })[key];

    it('gives a unit vector with sublinear tf times idf inside each kind', () => {
      const v = weighFeatures(new Map([['w:a', 3], ['w:b', 1]]), idf, DEFAULT_WEIGHTING_OPTIONS);
      expect(length(v)).to.be.closeTo(1, 1e-12);
      expect(v.get('w:a')! / v.get('w:b')!).to.be.closeTo(((1 + Math.log(3)) * 2) / 1, 1e-12);
    });

    it('gives each kind of feature its share of the length, however many features it has', () => {
      const v = weighFeatures(new Map([['w:a', 1], ['c:ab', 1]]), idf, { ...DEFAULT_WEIGHTING_OPTIONS, kindWeights: { w: 2, b: 1, c: 1, s: 1 } });
      expect(v.get('w:a')).to.be.closeTo(2 / Math.sqrt(5), 1e-12);
      expect(v.get('c:ab')).to.be.closeTo(1 / Math.sqrt(5), 1e-12);
    });

    it('drops unknown features, but lets them lengthen the vector when given an idf for them', () => {
      const counts = new Map([['w:a', 1], ['w:zzz', 1]]);
      expect([...weighFeatures(counts, idf, DEFAULT_WEIGHTING_OPTIONS)]).to.deep.equal([['w:a', 1]]);
      const shrunk = weighFeatures(counts, idf, DEFAULT_WEIGHTING_OPTIONS, { idf: 2 });
      expect(shrunk.get('w:a')).to.be.closeTo(2 / Math.sqrt(8), 1e-12);
    });

    it('counts each unknown feature in the length by its own weight', () => {
      const counts = new Map([['w:a', 1], ['w:name', 1], ['w:word', 1]]);
      const weight = (key: string): number => (key === 'w:name' ? 0 : 1.5);
      // Length² = 2² (known) + 0 × 2² (name) + 1.5 × 2² (word) = 10.
      expect(weighFeatures(counts, idf, DEFAULT_WEIGHTING_OPTIONS, { idf: 2, weight }).get('w:a')).to.be.closeTo(2 / Math.sqrt(10), 1e-12);
      const nameOnly = new Map([['w:a', 1], ['w:name', 1]]);
      expect(weighFeatures(nameOnly, idf, DEFAULT_WEIGHTING_OPTIONS, { idf: 2, weight }).get('w:a')).to.be.closeTo(1, 1e-12);
    });

    it('gives the empty vector for no known features', () => {
      expect(weighFeatures(new Map([['w:zzz', 1]]), idf, DEFAULT_WEIGHTING_OPTIONS, { idf: 3 }).size).to.equal(0);
    });
  });

  describe('weighFeatureIds', () => {
    const texts = ['Are you open on Sundays?', 'open open OPEN', 'How do I reset my card PIN at the Dalrin shop?', '?', 'card'];
    const extract = createFeatureExtractor(DEFAULT_TEXT_OPTIONS);
    const counted = texts.map(extract);
    const keys = [...new Set(counted.flatMap((counts) => [...counts.keys()]))];
    const idOf = new Map(keys.map((key, id) => [key, id]));
    const idfOf = Float64Array.from(keys, (key, id) => 1 + (id % 7) / 3 + key.length / 10);
    const kindOf = Uint8Array.from(keys, featureKindIndex);
    const idf = (key: string): number | undefined => idfOf[idOf.get(key)!];

    it('gives what weighFeatures gives, bit for bit and in the same order, under any weighting options', () => {
      for (const options of [
        DEFAULT_WEIGHTING_OPTIONS,
        { sublinearTf: false, kindWeights: { w: 2, b: 0.5, c: 1, s: 0.7 } },
        { sublinearTf: true, kindWeights: { w: 1, b: 0, c: 0.3, s: 1 } },
        { sublinearTf: true, kindWeights: { w: 0, b: 0, c: 0, s: 0 } },
      ]) {
        for (const counts of counted) {
          const ids = Int32Array.from(counts.keys(), (key) => idOf.get(key)!);
          const outIds = new Int32Array(ids.length);
          const outWeights = new Float64Array(ids.length);
          const n = weighFeatureIds(ids, Float64Array.from(counts.values()), idfOf, kindOf, options, outIds, outWeights);
          const byIds = Array.from({ length: n }, (_, i) => [keys[outIds[i]!]!, outWeights[i]!]);
          expect(byIds, JSON.stringify(options)).to.deep.equal([...weighFeatures(counts, idf, options)]);
        }
      }
    });
  });
});
