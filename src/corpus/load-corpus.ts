import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CorpusError } from './corpus-error';
import { groupEntries } from './group-entries';
import { parseCorpusCsv } from './parse-csv';
import { loadReplies } from './replies';
import { type Corpus, type CorpusRow } from './types';

/** Lists the corpus CSV files in a folder, sorted, so builds are reproducible. */
export function listCorpusFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new CorpusError([{ file: dir, message: 'the corpus folder cannot be read; check --corpus or CORPUS_DIR' }]);
  }
  const files = names.filter((name) => name.toLowerCase().endsWith('.csv')).sort().map((name) => join(dir, name));
  if (files.length === 0) throw new CorpusError([{ file: dir, message: 'the corpus folder holds no .csv files' }]);
  return files;
}

/** Reads, parses and validates every CSV file of a corpus folder; throws CorpusError listing each problem. */
export function loadCorpus(dir: string): Corpus {
  const files = listCorpusFiles(dir);
  const hash = createHash('sha256');
  const rows: CorpusRow[] = [];
  for (const file of files) {
    const content = readFileSync(file);
    hash.update(file).update('\0').update(content).update('\0');
    rows.push(...parseCorpusCsv(content.toString('utf8'), file));
  }
  const replies = loadReplies(dir);
  hash.update(JSON.stringify(replies));
  return { ...groupEntries(rows), replies, files, hash: hash.digest('hex') };
}

/** The latest modification time of the corpus files, to tell whether an index is older than its corpus. */
export function corpusModifiedAt(dir: string): Date {
  const times = listCorpusFiles(dir).map((file) => statSync(file).mtimeMs);
  return new Date(Math.max(...times));
}
