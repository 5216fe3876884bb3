/**
 * The inner loop of the windowed learner (src/index/train.ts): a question's score against each class of its window
 * adds up, feature by feature in the question's order, the class's weight times the question's value.
 */

/**
 * Adds rows[k] x values[k] at each of the window's places to its score, k = 0 .. count - 1 in order, so each score is
 * the same sum, term by term, as one row at a time. Eight rows per pass over the places keep eight independent loads
 * of the matrix in flight and read and write each score once per eight rows: on 100,000 questions / 5,000 answers the
 * passes took 31 s of CPU instead of about 60 one row at a time (four rows a pass: 37-39 s; four places a pass over all
 * rows: 34.5 s).
 */
export function addRows(dense: Float32Array, rowBase: Int32Array, values: Float64Array, count: number, slots: Int32Array, scores: Float64Array, places: number): void {
  let k = 0;
  for (; k + 7 < count; k += 8) {
    const b0 = rowBase[k]!, b1 = rowBase[k + 1]!, b2 = rowBase[k + 2]!, b3 = rowBase[k + 3]!;
    const b4 = rowBase[k + 4]!, b5 = rowBase[k + 5]!, b6 = rowBase[k + 6]!, b7 = rowBase[k + 7]!;
    const x0 = values[k]!, x1 = values[k + 1]!, x2 = values[k + 2]!, x3 = values[k + 3]!;
    const x4 = values[k + 4]!, x5 = values[k + 5]!, x6 = values[k + 6]!, x7 = values[k + 7]!;
    for (let j = 0; j < places; j++) {
      const s = slots[j]!;
      // Left to right: ((score + row 0) + row 1) + ..., the order of one row at a time.
      const early = scores[j]! + dense[b0 + s]! * x0 + dense[b1 + s]! * x1 + dense[b2 + s]! * x2 + dense[b3 + s]! * x3;
      scores[j] = early + dense[b4 + s]! * x4 + dense[b5 + s]! * x5 + dense[b6 + s]! * x6 + dense[b7 + s]! * x7;
    }
  }
  for (; k + 3 < count; k += 4) {
    const b0 = rowBase[k]!, b1 = rowBase[k + 1]!, b2 = rowBase[k + 2]!, b3 = rowBase[k + 3]!;
    const x0 = values[k]!, x1 = values[k + 1]!, x2 = values[k + 2]!, x3 = values[k + 3]!;
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
