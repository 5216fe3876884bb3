import { KNOWN_COLUMNS } from './parse-csv';

/** A cell separator spreadsheets write: comma (most), semicolon (Excel where the decimal mark is a comma), tab ("Unicode Text"). */
export type Separator = ',' | ';' | '\t';

/** The separators tried, in the order that wins a tie. */
const SEPARATORS: readonly Separator[] = [',', ';', '\t'];

/** How a separator is named to an editor: `';'`, or `tab`. */
export function separatorName(separator: Separator): string {
  return separator === '\t' ? 'tab' : `'${separator}'`;
}

/**
 * Picks the separator from a file's header row: the one that splits it into the most known column names, then the
 * one it holds most often; comma when nothing tells. A header cell never holds a line break, so its first line is it.
 */
export function detectSeparator(text: string): Separator {
  const end = text.search(/[\r\n]/);
  const header = end < 0 ? text : text.slice(0, end);
  const rank = (separator: Separator): number => {
    const cells = header.split(separator).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1').trim().toLowerCase());
    // Known names count first; the number of cells only breaks ties (no header has 1000 cells).
    return cells.filter((cell) => KNOWN_COLUMNS.has(cell)).length * 1000 + cells.length;
  };
  let best: Separator = ',';
  for (const separator of SEPARATORS) if (rank(separator) > rank(best)) best = separator;
  return best;
}
