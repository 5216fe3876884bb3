import { type SourceLocation } from '../corpus/types';
import { type LintReport } from './lint-corpus';
import { type LintCheck, type LintWarning } from './types';

/** A row as editors and compilers write it: `corpus/shop.csv:12`. */
export function formatSource(source: SourceLocation): string {
  return `${source.file}:${source.line}`;
}

/** One warning as one line an editor can jump to: `file:line: warning: what is wrong; what to do`. */
export function formatWarning(warning: LintWarning): string {
  return `${formatSource(warning)}: warning: ${warning.message}; ${warning.advice}`;
}

// In the order the summary lists them.
const CHECK_NAMES: Readonly<Record<LintCheck, [string, string]>> = {
  duplicate: ['duplicate question', 'duplicate questions'],
  'near-duplicate': ['near-duplicate question', 'near-duplicate questions'],
  confusing: ['confusing phrasing', 'confusing phrasings'],
  'out-of-scope-answered': ['out-of-scope example answered', 'out-of-scope examples answered'],
  'long-answer': ['long answer', 'long answers'],
  'few-questions': ['id with too few questions', 'ids with too few questions'],
};

const plural = (n: number, [one, many]: readonly [string, string]): string => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** The last line of the report: how many warnings of each kind, over how much corpus, in how long. */
export function formatSummary(report: LintReport): string {
  const checked = `${plural(report.questions, ['question', 'questions'])} of ${plural(report.answers, ['answer', 'answers'])} and ${plural(report.outOfScope, ['out-of-scope example', 'out-of-scope examples'])} checked in ${(report.elapsedMs / 1000).toFixed(1)} s`;
  if (report.warnings.length === 0) return `no warnings: ${checked}`;
  const kinds = (Object.keys(CHECK_NAMES) as LintCheck[])
    .map((check) => [check, report.warnings.filter((w) => w.check === check).length] as const)
    .filter(([, n]) => n > 0)
    .map(([check, n]) => plural(n, CHECK_NAMES[check]))
    .join(', ');
  const files = new Set(report.warnings.map((w) => w.file)).size;
  return `${plural(report.warnings.length, ['warning', 'warnings'])} in ${plural(files, ['file', 'files'])} (${kinds}): ${checked}`;
}

/** The whole report as text: one line per warning in file and line order, then the summary. */
export function formatLintReport(report: LintReport): string {
  return [...report.warnings.map(formatWarning), formatSummary(report)].join('\n');
}
