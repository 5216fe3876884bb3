import { expect } from 'chai';
import { denseRow } from '../../src/index/dense-row';

describe('denseRow', () => {
  it('spreads the postings of a term held by half the vectors or more over one row, 0 where a vector lacks it', () => {
    const row = denseRow({ vectors: Int32Array.from([0, 2, 3]), weights: Float32Array.from([0.5, -1.25, 2]) }, 5);
    expect(row).to.deep.equal(Float32Array.from([0.5, 0, -1.25, 2, 0]));
  });

  it('leaves a term held by fewer than half the vectors as a postings list', () => {
    expect(denseRow({ vectors: Int32Array.from([1, 3]), weights: Float32Array.from([1, 1]) }, 5)).to.equal(undefined);
  });

  it('leaves postings out of vector order, or naming a vector twice, as they are', () => {
    expect(denseRow({ vectors: Int32Array.from([2, 1, 0]), weights: Float32Array.from([1, 1, 1]) }, 4)).to.equal(undefined);
    expect(denseRow({ vectors: Int32Array.from([1, 1, 2]), weights: Float32Array.from([1, 1, 1]) }, 4)).to.equal(undefined);
  });
});
