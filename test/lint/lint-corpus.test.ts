import { expect } from 'chai';
import { join } from 'node:path';
import { loadCorpus } from '../../src/corpus/load-corpus';
import { lintCorpus } from '../../src/lint/lint-corpus';
import { PLANTED_CSV } from '../helpers/lint-fixtures';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

describe('lintCorpus', () => {
  let dir: TempDir;
  before(() => {
    dir = makeTempDir();
    dir.write('corpus/faq.csv', PLANTED_CSV);
  });
  after(() => {
    dir.cleanup();
  });

  it('reports each planted mistake at its row, in line order, and counts what it checked', () => {
    const report = lintCorpus(loadCorpus(join(dir.path, 'corpus')));
    const planted = report.warnings.filter((w) => [18, 22, 23, 24, 25].includes(w.line)).map((w) => [w.line, w.check]);
    expect(planted).to.deep.equal([
      [18, 'confusing'],
      [22, 'near-duplicate'],
      [23, 'duplicate'],
      [24, 'few-questions'],
      [25, 'long-answer'],
    ]);
    expect(report.warnings.map((w) => w.line)).to.deep.equal(report.warnings.map((w) => w.line).sort((a, b) => a - b));
    expect(report).to.include({ answers: 7, questions: 26, outOfScope: 1 });
  });

  it('says a near-duplicate once: neither of its rows is also reported as confusing', () => {
    const report = lintCorpus(loadCorpus(join(dir.path, 'corpus')));
    // Held out, "do you have gluten free bread" (line 9) gets the answer of its near-duplicate's id (line 22).
    expect(report.warnings.filter((w) => w.line === 9 || w.line === 22).map((w) => [w.line, w.check])).to.deep.equal([[22, 'near-duplicate']]);
  });

  it('applies its options: a stricter confidence, a longer answer limit, more questions per id', () => {
    const report = lintCorpus(loadCorpus(join(dir.path, 'corpus')), { strongMatch: 1, maxAnswerChars: 5000, minQuestions: 4 });
    const checks = new Set(report.warnings.map((w) => w.check));
    expect([...checks].sort()).to.deep.equal(['duplicate', 'few-questions', 'near-duplicate']);
    expect(report.warnings.filter((w) => w.check === 'few-questions').map((w) => w.message)).to.include('id "terms" has only 3 questions');
  });
});
