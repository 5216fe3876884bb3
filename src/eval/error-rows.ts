import { stringify } from 'csv-stringify/sync';

/** One test row the matcher got wrong, as an editor needs it to see why. */
export interface ErrorRow {
  readonly text: string;
  /** The right answer's id, or null when the row is out of scope (the bot should have fallen back). */
  readonly expected: string | null;
  /** The answer the bot gave, or null when it fell back. */
  readonly predicted: string | null;
  /** Confidence of the best candidate, whether or not it cleared the threshold. */
  readonly confidence: number;
  /** Place of the expected answer in the ranking (1 = best), or null when out of scope or nothing scored. */
  readonly rank: number | null;
}

/** The error rows as CSV with a header (`text,expected,predicted,confidence,rank`); empty cells stand for null. */
export function formatErrorsCsv(rows: readonly ErrorRow[]): string {
  return stringify(
    rows.map((row) => [row.text, row.expected ?? '', row.predicted ?? '', row.confidence.toFixed(4), row.rank ?? '']),
    { header: true, columns: ['text', 'expected', 'predicted', 'confidence', 'rank'] },
  );
}
