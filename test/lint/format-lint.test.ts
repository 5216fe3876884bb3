import { expect } from 'chai';
import { formatLintReport, formatSummary, formatWarning } from '../../src/lint/format-lint';
import { type LintReport } from '../../src/lint/lint-corpus';
import { type LintWarning } from '../../src/lint/types';

const warning = (line: number, check: LintWarning['check']): LintWarning => ({ file: 'corpus/shop.csv', line, check, message: `something at ${line}`, advice: 'fix it' });
const report = (warnings: LintWarning[]): LintReport => ({ warnings, answers: 75, questions: 1436, outOfScope: 1, elapsedMs: 1234 });

describe('formatWarning', () => {
  it('writes file:line: warning: what; what to do', () => {
    expect(formatWarning(warning(12, 'duplicate'))).to.equal('corpus/shop.csv:12: warning: something at 12; fix it');
  });
});

describe('formatSummary', () => {
  it('counts the warnings of each kind, in a fixed order, and what was checked in how long', () => {
    const text = formatSummary(report([warning(9, 'long-answer'), warning(3, 'confusing'), warning(4, 'confusing'), { ...warning(2, 'duplicate'), file: 'corpus/a.csv' }]));
    expect(text).to.equal('4 warnings in 2 files (1 duplicate question, 2 confusing phrasings, 1 long answer): 1,436 questions of 75 answers and 1 out-of-scope example checked in 1.2 s');
  });

  it('says so when there is nothing to report', () => {
    expect(formatSummary(report([]))).to.equal('no warnings: 1,436 questions of 75 answers and 1 out-of-scope example checked in 1.2 s');
  });
});

describe('formatLintReport', () => {
  it('writes one line per warning, then the summary', () => {
    expect(formatLintReport(report([warning(2, 'few-questions')])).split('\n')).to.deep.equal([
      'corpus/shop.csv:2: warning: something at 2; fix it',
      '1 warning in 1 file (1 id with too few questions): 1,436 questions of 75 answers and 1 out-of-scope example checked in 1.2 s',
    ]);
  });
});
