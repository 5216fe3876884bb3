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

/** The development sets the quality benchmarks use, each undefined when it is not on this machine. */
export interface DevSets {
  readonly clincTrain: LabeledRow[] | undefined;
  readonly clincVal: LabeledRow[] | undefined;
  /** CLINC150's out-of-scope training rows. */
  readonly clincOosTrain: LabeledRow[] | undefined;
  readonly bankingTrain: LabeledRow[] | undefined;
  readonly bankingTest: LabeledRow[] | undefined;
  readonly snipsTrain: LabeledRow[] | undefined;
  /** SNIPS's training set cut to 10 rows per label, messages full of names a corpus has never seen. */
  readonly snipsTrain10: LabeledRow[] | undefined;
  readonly snipsTest: LabeledRow[] | undefined;
}

/** Reads every development set there is under DATASETS. */
export function readDevSets(): DevSets {
  return {
    clincTrain: dataset('clinc150/train.csv'),
    clincVal: dataset('clinc150/val.csv'),
    clincOosTrain: dataset('clinc150/oos_train.csv'),
    bankingTrain: dataset('banking77/train.csv'),
    bankingTest: dataset('banking77/test.csv'),
    snipsTrain: dataset('snips/train.csv'),
    snipsTrain10: dataset('snips/train-10.csv'),
    snipsTest: dataset('snips/test.csv'),
  };
}

/** Every development set, for a script that measures them all; throws, naming the folder, when one is missing. */
export function requireDevSets(): { readonly [K in keyof DevSets]: LabeledRow[] } {
  const sets = readDevSets();
  const missing = Object.entries(sets).flatMap(([name, rows]) => (rows === undefined ? [name] : []));
  if (missing.length > 0) throw new Error(`development sets not found under ${DATASETS}: ${missing.join(', ')}`);
  return sets as { readonly [K in keyof DevSets]: LabeledRow[] };
}

/**
 * CLINC150's out-of-scope rows (validation, then training) as off-topic traffic for a corpus about something else;
 * undefined without CLINC150's validation set.
 */
export function clincOffTopic({ clincVal, clincOosTrain }: Pick<DevSets, 'clincVal' | 'clincOosTrain'>): LabeledRow[] | undefined {
  return clincVal === undefined ? undefined : asOffTopic([...clincVal.filter((row) => row.label === null), ...(clincOosTrain ?? [])]);
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
