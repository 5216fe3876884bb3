import { stringify } from 'csv-stringify/sync';
import { type UnansweredReport, type UnansweredRow } from './unanswered-report';

/** The report's columns, in order; the README tells editors what to do with each. */
export const UNANSWERED_COLUMNS = ['question', 'count', 'examples', 'nearest_id', 'nearest_score'] as const;

/** Between the examples in one cell: a character customers' messages rarely hold, easy to split on in a spreadsheet. */
const EXAMPLE_SEPARATOR = ' | ';

/** The report as CSV, one row per group with a header, ready for a spreadsheet. */
export function formatUnansweredCsv(rows: readonly UnansweredRow[]): string {
  return stringify(
    rows.map((row) => [row.question, row.count, row.examples.join(EXAMPLE_SEPARATOR), row.nearestId ?? '', row.nearestScore === null ? '' : row.nearestScore.toFixed(3)]),
    { header: true, columns: [...UNANSWERED_COLUMNS] },
  );
}

/** The one-line summary for stderr: what was read, what was kept, and where it went. */
export function summarizeUnanswered(report: UnansweredReport, since: string, destination: string): string {
  const { fallback, didYouMean, unsure } = report.reasons;
  const total = fallback + didYouMean + unsure;
  return (
    `faqbot: ${total} of ${report.read} messages since ${since} were not answered confidently ` +
    `(${fallback} fallback, ${didYouMean} did-you-mean or choices, ${unsure} answered with low confidence)` +
    `${report.answeredNow > 0 ? `, ${report.answeredNow} of them answered by the index now and left out` : ''}; ` +
    `${report.groups} group${report.groups === 1 ? '' : 's'}, ${report.rows.length} listed -> ${destination}`
  );
}
