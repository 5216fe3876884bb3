/** The development data sets in ../shared/datasets (or DATASETS_DIR), read as the benchmarks cut them. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readLabeledCsv, type LabeledRow } from '../src/eval/labeled-csv';

/** Folder of the development data sets. */
export const DATASETS = resolve(__dirname, '..', process.env.DATASETS_DIR ?? '../shared/datasets');

/** The labeled rows of one data set file (path under DATASETS), or undefined when it is not on this machine. */
export function dataset(path: string): LabeledRow[] | undefined {
  const file = join(DATASETS, path);
  return existsSync(file) ? readLabeledCsv(file) : undefined;
}

/** The first `perLabel` rows of each label, in file order: the few-shot cut of a training set. */
export function firstPerLabel(rows: readonly LabeledRow[], perLabel: number): LabeledRow[] {
  const seen = new Map<string, number>();
  return rows.filter((row) => {
    if (row.label === null) return false;
    const n = seen.get(row.label) ?? 0;
    seen.set(row.label, n + 1);
    return n < perLabel;
  });
}
