import { type EvalResult } from './run-eval';

const percent = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** Formats an evaluation as a table for a person, with the labels most often confused. */
export function formatEval({ report, tuned, counts, confusions, choices }: EvalResult): string {
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
  for (const c of choices) {
    lines.push(
      '',
      `numbered choices at ratio ${c.ratio}:`,
      `  offered                      ${percent(c.offeredRate)} of rows (${c.offeredTies} ties above the threshold, ${c.offeredNearMisses} near misses)`,
      `  accuracy on answered         ${percent(c.answeredAccuracyBefore)} without choices, ${percent(c.answeredAccuracyAfter)} with`,
      `  rows answered                ${percent(c.answeredRateBefore)} without choices, ${percent(c.answeredRateAfter)} with`,
      `  choices holding the right    ${percent(c.choiceContainsRight)} of in-scope rows offered choices`,
      `  in-scope rows reaching right ${percent(c.reachedRight)} (answered right, or the right answer among the choices)`,
    );
  }
  if (confusions.length > 0) {
    lines.push('', 'most confused (expected -> answered, rows):');
    for (const c of confusions) lines.push(`  ${c.gold} -> ${c.predicted}  ${c.count}`);
  }
  return lines.join('\n');
}
