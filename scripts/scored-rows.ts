/** Test rows scored once, raw, for the scripts that measure many calibrations on the same scores. */
import { type Corpus } from '../src/corpus/types';
import { type ScoredRow } from '../src/eval/calibration-frontier';
import { type LabeledRow } from '../src/eval/labeled-csv';
import { buildModel } from '../src/index/model';
import { resolveIndexOptions, type IndexOptions } from '../src/index/options';
import { indexInMemory } from '../src/lint/in-memory-index';
import { createQueryScorer } from '../src/match/query-scores';

/** Every test row's raw scores, with what turns a vector or answer position back into an answer id. */
export interface ScoredRows {
  readonly rows: ScoredRow[];
  readonly vectorAnswer: Int32Array;
  /** Answer ids by position in the index. */
  readonly ids: readonly string[];
}

/** The corpus's index, in memory as lint builds it (the same vectors as a reindexed file), and every test row's raw scores. */
export function scoreRows(corpus: Corpus, test: readonly LabeledRow[], options: IndexOptions = resolveIndexOptions()): ScoredRows {
  const index = indexInMemory(corpus, buildModel(corpus, options), options);
  const score = createQueryScorer(index);
  const position = new Map(index.answers.map((answer, i) => [answer.id, i]));
  const rows = test.map((row): ScoredRow => {
    const gold = row.label === null ? null : position.get(row.label);
    if (gold === undefined) throw new Error(`label ${row.label} is not in the corpus`);
    return { scores: score(row.text), gold };
  });
  return { rows, vectorAnswer: index.vectorAnswer, ids: index.answers.map((answer) => answer.id) };
}
