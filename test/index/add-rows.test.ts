import { expect } from 'chai';
import { addRows } from '../../src/index/add-rows';
import { seededRandom } from '../../src/index/train';

/** One row at a time, one place at a time: the sums addRows must give bit for bit. */
function oneRowAtATime(dense: Float32Array, rowBase: Int32Array, values: Float64Array, count: number, slots: Int32Array, places: number): Float64Array {
  const scores = new Float64Array(places);
  for (let k = 0; k < count; k++) for (let j = 0; j < places; j++) scores[j] = scores[j]! + dense[rowBase[k]! + slots[j]!]! * values[k]!;
  return scores;
}

describe('addRows', () => {
  const random = seededRandom(3);
  const rowLength = 48;
  const rowCount = 20;
  // Weights of mixed signs and sizes, a third of them zero (as a scratch row is outside the window's places).
  const dense = Float32Array.from({ length: rowLength * rowCount }, () => (random() < 0.33 ? 0 : (random() - 0.5) * 10 ** Math.floor(random() * 6 - 3)));

  it('gives each place the same sum, bit for bit, as adding the rows one at a time, for any number of rows', () => {
    const slots = Int32Array.from({ length: 13 }, () => Math.floor(random() * rowLength));
    for (let count = 0; count <= 21; count++) {
      const rowBase = Int32Array.from({ length: count }, () => Math.floor(random() * rowCount) * rowLength);
      const values = Float64Array.from({ length: count }, () => Math.fround(random()));
      const scores = new Float64Array(slots.length);
      addRows(dense, rowBase, values, count, slots, scores, slots.length);
      expect([...scores], `${count} rows`).to.deep.equal([...oneRowAtATime(dense, rowBase, values, count, slots, slots.length)]);
    }
  });

  it('adds to the scores already there and leaves places past `places` alone', () => {
    const scores = Float64Array.from([1, 2, 3]);
    const rows = Float32Array.from([0.5, 0.25, 8, 0, 0, 0, 0, 0, 0]);
    addRows(rows, Int32Array.from([0]), Float64Array.from([2]), 1, Int32Array.from([1, 0, 2]), scores, 2);
    expect([...scores]).to.deep.equal([1 + 0.5, 2 + 1, 3]);
  });
});
