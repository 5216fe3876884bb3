/** The postings of one term: parallel arrays of vector positions and weights. */
export interface TermPostings {
  readonly vectors: Int32Array;
  readonly weights: Float32Array;
}

/** Packs a term's postings into the two BLOBs of its `terms` row: little-endian int32 ids, little-endian float32 weights. */
export function encodePostings({ vectors, weights }: TermPostings): { vectorIds: Buffer; weights: Buffer } {
  const ids = Buffer.allocUnsafe(vectors.length * 4);
  const values = Buffer.allocUnsafe(weights.length * 4);
  for (let i = 0; i < vectors.length; i++) {
    ids.writeInt32LE(vectors[i]!, i * 4);
    values.writeFloatLE(weights[i]!, i * 4);
  }
  return { vectorIds: ids, weights: values };
}

/** Reads back what {@link encodePostings} wrote; throws if the two BLOBs do not hold the same number of postings. */
export function decodePostings(vectorIds: Buffer, weights: Buffer): TermPostings {
  if (vectorIds.length % 4 !== 0 || vectorIds.length !== weights.length) {
    throw new Error(`postings of ${vectorIds.length} and ${weights.length} bytes do not pair up`);
  }
  const n = vectorIds.length / 4;
  const vectors = new Int32Array(n);
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    vectors[i] = vectorIds.readInt32LE(i * 4);
    values[i] = weights.readFloatLE(i * 4);
  }
  return { vectors, weights: values };
}
