import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { CorpusError } from '../corpus/corpus-error';

/** One labeled utterance; a null label means out of scope: the bot should fall back. */
export interface LabeledRow {
  readonly text: string;
  readonly label: string | null;
}

/** Parses a labeled-utterance CSV (`text,label` header); throws CorpusError naming the file and what is wrong. */
export function parseLabeledCsv(content: string, file: string): LabeledRow[] {
  let records: Record<string, string>[];
  try {
    records = parse(content, { bom: true, columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true }) as Record<string, string>[];
  } catch (error) {
    throw new CorpusError([{ file, message: `not a valid CSV file (${error instanceof Error ? error.message : String(error)})` }]);
  }
  const first = records[0];
  if (first !== undefined && (!('text' in first) || !('label' in first))) {
    throw new CorpusError([{ file, line: 1, message: 'a labeled-utterance file needs the header "text,label"' }]);
  }
  return records.map((record) => {
    const label = (record.label ?? '').trim();
    return { text: record.text ?? '', label: label === '' ? null : label };
  });
}

/** Reads a labeled-utterance CSV file. */
export function readLabeledCsv(file: string): LabeledRow[] {
  return parseLabeledCsv(readFileSync(file, 'utf8'), file);
}
