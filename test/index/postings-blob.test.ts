import { expect } from 'chai';
import { decodePostings, encodePostings } from '../../src/index/postings-blob';

describe('encodePostings and decodePostings', () => {
  it('round-trip a term\'s postings through two little-endian BLOBs of 4 bytes a posting', () => {
    const postings = { vectors: Int32Array.from([0, 3, 4_999, 70_000]), weights: Float32Array.from([0.25, -1.5, 3e-7, 12]) };
    const { vectorIds, weights } = encodePostings(postings);
    expect(vectorIds).to.have.length(16);
    expect(vectorIds.subarray(4, 8)).to.deep.equal(Buffer.from([3, 0, 0, 0]));
    expect(weights.readFloatLE(4)).to.equal(-1.5);
    expect(decodePostings(vectorIds, weights)).to.deep.equal(postings);
  });

  it('reads BLOBs at any byte offset, as SQLite hands them over', () => {
    const { vectorIds, weights } = encodePostings({ vectors: Int32Array.from([7, 8]), weights: Float32Array.from([0.5, 0.75]) });
    const shifted = (b: Buffer): Buffer => Buffer.concat([Buffer.from([9]), b]).subarray(1);
    expect(decodePostings(shifted(vectorIds), shifted(weights))).to.deep.equal({ vectors: Int32Array.from([7, 8]), weights: Float32Array.from([0.5, 0.75]) });
  });

  it('refuses BLOBs that do not pair up, as a damaged index has', () => {
    expect(() => decodePostings(Buffer.alloc(8), Buffer.alloc(4))).to.throw(/postings of 8 and 4 bytes do not pair up/);
  });
});
