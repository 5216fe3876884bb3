import { parse } from 'csv-parse/sync';
import { CorpusError } from './corpus-error';
import { type CorpusRow } from './types';

const REQUIRED_COLUMNS = ['id', 'question', 'answer'] as const;
const OPTIONAL_COLUMNS = ['category'] as const;
const KNOWN_COLUMNS: ReadonlySet<string> = new Set([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/** Parses one corpus CSV file's text into rows; throws CorpusError naming the file and line of any problem. */
export function parseCorpusCsv(content: string, file: string): CorpusRow[] {
  let records: ParsedRecord[];
  try {
    records = parse(content, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      // Spreadsheets on different systems end lines differently; accept all of them in one file.
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as unknown as ParsedRecord[];
  } catch (error) {
    throw new CorpusError([{ file, line: csvErrorLine(error), message: csvErrorMessage(error) }]);
  }
  const [header, ...body] = records;
  if (header === undefined) throw new CorpusError([{ file, message: 'the file is empty; it needs a header row "id,question,answer"' }]);

  const columns = header.record.map((name) => name.trim().toLowerCase());
  const headerProblems = checkHeader(columns).map((message) => ({ file, line: 1, message }));
  if (headerProblems.length > 0) throw new CorpusError(headerProblems);

  const at = (record: string[], column: string): string => (record[columns.indexOf(column)] ?? '').trim();
  return body
    .filter(({ record }) => record.some((cell) => cell.trim() !== ''))
    .map(({ record, info }) => ({
      id: at(record, 'id'),
      question: at(record, 'question'),
      answer: at(record, 'answer'),
      category: at(record, 'category'),
      source: { file, line: startLine(record, info.lines) },
    }));
}

function checkHeader(columns: string[]): string[] {
  const problems: string[] = [];
  for (const name of REQUIRED_COLUMNS) {
    if (!columns.includes(name)) problems.push(`the header has no "${name}" column; the first row must name the columns, at least id,question,answer`);
  }
  for (const name of columns) {
    if (!KNOWN_COLUMNS.has(name)) problems.push(`unknown column "${name}" in the header; known columns are ${[...KNOWN_COLUMNS].join(', ')}`);
  }
  const seen = new Set<string>();
  for (const name of columns) {
    if (seen.has(name)) problems.push(`the header names the column "${name}" twice`);
    seen.add(name);
  }
  return problems;
}

// csv-parse reports the line a record ends on; a quoted cell with line breaks starts earlier.
function startLine(record: string[], endLine: number): number {
  const breaks = record.join('').match(/\r\n|\n|\r/g)?.length ?? 0;
  return endLine - breaks;
}

function csvErrorLine(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'lines' in error && typeof error.lines === 'number') return error.lines;
  return undefined;
}

function csvErrorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') return `this row has a different number of cells than the header (${text}); quote cells that contain commas`;
  if (code === 'CSV_QUOTE_NOT_CLOSED') return `a quoted cell is never closed (${text}); add the missing double quote`;
  return `${text}; a double quote inside a quoted cell must be doubled ("")`;
}
