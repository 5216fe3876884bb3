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

/** Prefixes each label with its data set's name, so that two sets' labels of the same name stay two answers. */
export function prefixed(prefix: string, rows: readonly LabeledRow[]): LabeledRow[] {
  return rows.map((row) => ({ text: row.text, label: row.label === null ? null : `${prefix}:${row.label}` }));
}

/** Every row of `rows`, as out of scope: off-topic traffic for a corpus about something else. */
export function asOffTopic(rows: readonly LabeledRow[]): LabeledRow[] {
  return rows.map((row) => ({ text: row.text, label: null }));
}
