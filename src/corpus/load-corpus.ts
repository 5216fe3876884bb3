import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CorpusError } from './corpus-error';
import { decodeCorpusText } from './decode-text';
import { detectSeparator } from './detect-separator';
import { groupEntries } from './group-entries';
import { parseCorpusCsv } from './parse-csv';
import { readingNotice, type CorpusNotice } from './reading-notice';
import { loadReplies, REPLIES_FILE } from './replies';
import { type CorpusRow, type LoadedCorpus } from './types';

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

/**
 * Reads, parses and validates every CSV file of a corpus folder, whatever encoding and separator a spreadsheet
 * saved it with (see decodeCorpusText, detectSeparator); throws CorpusError listing each problem. What was guessed
 * comes back as `notices`, for the caller to show.
 */
export function loadCorpus(dir: string): LoadedCorpus {
  const files = listCorpusFiles(dir);
  const hash = createHash('sha256');
  const rows: CorpusRow[] = [];
  const notices: CorpusNotice[] = [];
  for (const file of files) {
    const content = readFileSync(file);
    hash.update(file).update('\0').update(content).update('\0');
    const decoded = decodeCorpusText(content, file);
    const separator = detectSeparator(decoded.text);
    const notice = readingNotice(file, decoded, separator);
    if (notice !== undefined) notices.push(notice);
    rows.push(...parseCorpusCsv(decoded.text, file, separator));
  }
  const replies = loadReplies(dir);
  hash.update(JSON.stringify(replies));
  return { ...groupEntries(rows), replies, files, hash: hash.digest('hex'), notices };
}

/** The latest modification time of the corpus files (the CSV files and replies.json), to tell whether an index is older than its corpus. */
export function corpusModifiedAt(dir: string): Date {
  const replies = join(dir, REPLIES_FILE);
  // The reply texts are built into the index like the rows: editing them must make it stale too.
  const files = [...listCorpusFiles(dir), ...(existsSync(replies) ? [replies] : [])];
  const times = files.map((file) => statSync(file).mtimeMs);
  return new Date(Math.max(...times));
}
