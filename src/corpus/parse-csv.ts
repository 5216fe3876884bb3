import { parse } from 'csv-parse/sync';
import { unsupportedCharacter } from './characters';
import { CorpusError, type CorpusProblem } from './corpus-error';
import { type Separator } from './detect-separator';
import { type CorpusRow } from './types';

const REQUIRED_COLUMNS = ['id', 'question', 'answer'] as const;
const OPTIONAL_COLUMNS = ['category', 'followups'] as const;
/** Every column name a corpus header may hold. */
export const KNOWN_COLUMNS: ReadonlySet<string> = new Set([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);

interface ParsedRecord {
  record: string[];
  /** `bytes`: offset just past the record and its line break, in the UTF-8 input. */
  info: { bytes: number };
}

/**
 * Parses one corpus CSV file's text, its cells split by `separator`, into rows; throws CorpusError naming the file
 * and line of any problem. Lines are counted in the text, which has the line breaks of the file whatever its encoding.
 */
export function parseCorpusCsv(content: string, file: string, separator: Separator = ','): CorpusRow[] {
  const input = Buffer.from(content, 'utf8');
  let records: ParsedRecord[];
  try {
    records = parse(input, {
      bom: true,
      delimiter: separator,
      info: true,
      skip_empty_lines: true,
      // Checked below instead, where the row's true line is known.
      relax_column_count: true,
      // Spreadsheets on different systems end lines differently; accept all of them in one file.
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as unknown as ParsedRecord[];
  } catch (error) {
    throw new CorpusError([{ file, line: csvErrorLine(error, input), message: csvErrorMessage(error) }]);
  }
  const [header, ...body] = records;
  if (header === undefined) throw new CorpusError([{ file, message: 'the file is empty; it needs a header row "id,question,answer"' }]);

  const columns = withoutTrailingEmpty(header.record.map((name) => name.trim().toLowerCase()));
  const headerProblems = checkHeader(columns).map((message) => ({ file, line: 1, message }));
  if (headerProblems.length > 0) throw new CorpusError(headerProblems);

  // Line breaks in cells become \n: a \r would reach WhatsApp as a stray character.
  const at = (record: string[], column: string): string => (record[columns.indexOf(column)] ?? '').trim().replace(/\r\n?/g, '\n');
  const lines = lineCounter(input);
  const rows: CorpusRow[] = [];
  const problems: CorpusProblem[] = [];
  let previousEnd = header.info.bytes;
  for (const { record: cells, info } of body) {
    const line = lines.lineAt(skipLineBreaks(input, previousEnd));
    previousEnd = info.bytes;
    // Spreadsheets write empty cells for columns once used at the right of the sheet; they say nothing.
    const record = cells.length > columns.length ? withoutTrailingEmpty(cells, columns.length) : cells;
    if (record.every((cell) => cell.trim() === '')) continue;
    if (record.length !== columns.length) {
      problems.push({ file, line, message: `this row has ${record.length} cells but the header has ${columns.length}; quote cells that contain ${SEPARATOR_NAMES[separator]}` });
      continue;
    }
    const followups = splitFollowups(at(record, 'followups'));
    const row: CorpusRow = {
      id: at(record, 'id'),
      question: at(record, 'question'),
      answer: at(record, 'answer'),
      category: at(record, 'category'),
      ...(followups.length === 0 ? {} : { followups }),
      source: { file, line },
    };
    const unsupported = unsupportedCell(row);
    if (unsupported !== null) problems.push({ file, line, message: unsupported });
    else rows.push(row);
  }
  if (problems.length > 0) throw new CorpusError(problems);
  return rows;
}

/** The ids in a `followups` cell: separated by `|`, spaces around them ignored, empty ones dropped. */
export function splitFollowups(cell: string): string[] {
  return cell.split('|').map((id) => id.trim()).filter((id) => id !== '');
}

const SEPARATOR_NAMES: Readonly<Record<Separator, string>> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs' };

// Drops empty cells from the right end, down to `keep` cells.
function withoutTrailingEmpty(cells: string[], keep = 0): string[] {
  let end = cells.length;
  while (end > keep && cells[end - 1]!.trim() === '') end--;
  return cells.slice(0, end);
}

/** Every cell can end up in a reply (ids and questions in suggestions, categories in help), so none may hold what TwiML cannot carry. */
function unsupportedCell(row: CorpusRow): string | null {
  for (const column of ['id', 'question', 'answer', 'category'] as const) {
    const character = unsupportedCharacter(row[column]);
    if (character !== null) {
      return `the ${column} holds the control character ${character}, which a WhatsApp reply cannot carry; delete it (it is invisible in most editors: retype the text around it)`;
    }
  }
  return null;
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

const CR = 0x0d;
const LF = 0x0a;

// Blank lines that csv-parse skipped sit between one record's end and the next one's start.
function skipLineBreaks(input: Buffer, offset: number): number {
  let at = offset;
  while (at < input.length && (input[at] === CR || input[at] === LF)) at++;
  return at;
}

// csv-parse counts CR and LF of a CRLF inside a quoted cell as two lines, so lines are counted
// here from byte offsets instead, a CRLF as one break. Offsets must be asked for in order.
function lineCounter(input: Buffer): { lineAt(offset: number): number } {
  let cursor = 0;
  let line = 1;
  return {
    lineAt(offset) {
      for (; cursor < offset; cursor++) {
        const byte = input[cursor];
        if (byte === LF || (byte === CR && input[cursor + 1] !== LF)) line++;
      }
      return line;
    },
  };
}

// A parse error's `bytes` points into the broken row; its `lines` suffers from the CRLF miscount above.
function csvErrorLine(error: unknown, input: Buffer): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  if ('bytes' in error && typeof error.bytes === 'number') return lineCounter(input).lineAt(error.bytes);
  if ('lines' in error && typeof error.lines === 'number') return error.lines;
  return undefined;
}

function csvErrorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'CSV_QUOTE_NOT_CLOSED') return `a quoted cell is never closed (${text}); add the missing double quote`;
  return `${text}; a double quote inside a quoted cell must be doubled ("")`;
}
