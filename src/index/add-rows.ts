/**
 * The inner loop of the windowed learner (src/index/train.ts): a question's score against each class of its window
 * adds up, feature by feature in the question's order, the class's weight times the question's value.
 */

/**
 * Adds rows[k] x values[k] at each of the window's places to its score, k = 0 .. count - 1 in order, so each score is
 * the same sum, term by term, as one row at a time; four rows per pass over the places keep four independent loads of
 * the matrix in flight and read and write each score once per four rows, which took the 100,000-question build's
 * scoring from about 100 to about 40 us per visit.
 */
export function addRows(dense: Float32Array, rowBase: Int32Array, values: Float64Array, count: number, slots: Int32Array, scores: Float64Array, places: number): void {
  let k = 0;
  for (; k + 3 < count; k += 4) {
    const b0 = rowBase[k]!;
    const b1 = rowBase[k + 1]!;
    const b2 = rowBase[k + 2]!;
    const b3 = rowBase[k + 3]!;
    const x0 = values[k]!;
    const x1 = values[k + 1]!;
    const x2 = values[k + 2]!;
    const x3 = values[k + 3]!;
    for (let j = 0; j < places; j++) {
      const s = slots[j]!;
      scores[j] = scores[j]! + dense[b0 + s]! * x0 + dense[b1 + s]! * x1 + dense[b2 + s]! * x2 + dense[b3 + s]! * x3;
    }
  }
  for (; k < count; k++) {
    const base = rowBase[k]!;
    const x = values[k]!;
    for (let j = 0; j < places; j++) scores[j] = scores[j]! + dense[base + slots[j]!]! * x;
  }
}
