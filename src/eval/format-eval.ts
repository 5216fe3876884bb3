import { type EvalResult } from './run-eval';

const percent = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** Formats an evaluation as a table for a person, with the labels most often confused. */
export function formatEval({ report, tuned, counts, confusions }: EvalResult): string {
  const rows: [string, string][] = [
    ['in-scope accuracy', percent(report.inScopeAccuracy)],
    ['out-of-scope recall', percent(report.oosRecall)],
    ['out-of-scope precision', percent(report.oosPrecision)],
    ['accuracy (oos as a class)', percent(report.accuracy)],
    ['threshold', `${report.threshold.toFixed(4)} (${tuned ? `tuned on ${counts.tune} rows` : 'the default'})`],
    ['index build', `${report.buildMs} ms for ${counts.trainAnswers} answers, ${counts.trainQuestions} questions`],
    ['query latency', `p50 ${report.queryP50Ms.toFixed(3)} ms, p99 ${report.queryP99Ms.toFixed(3)} ms`],
    ['test rows', `${report.n} (${counts.testInScope} in scope, ${counts.testOos} out of scope)`],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  const lines = rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`);
  if (confusions.length > 0) {
    lines.push('', 'most confused (expected -> answered, rows):');
    for (const c of confusions) lines.push(`  ${c.gold} -> ${c.predicted}  ${c.count}`);
  }
  return lines.join('\n');
}
