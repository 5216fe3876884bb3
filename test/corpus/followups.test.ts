import { expect } from 'chai';
import { CorpusError } from '../../src/corpus/corpus-error';
import { groupEntries } from '../../src/corpus/group-entries';
import { parseCorpusCsv, splitFollowups } from '../../src/corpus/parse-csv';
import { loadIndex } from '../../src/index/load-index';
import { reindex } from '../../src/index/reindex';
import { collect, spawnCli, waitForExit } from '../helpers/cli-process';
import { testEnv } from '../helpers/server';
import { makeTempDir } from '../helpers/temp-dir';

const CSV = `id,question,answer,category,followups
rent,how much to rent a bike,£15 a day.,Rental, book | cancel
rent,bike hire price,,,
book,how do i book,Online.,Rental,
cancel,can i cancel,Yes.,Rental,
`;

/** The problems a CorpusError lists, as "line: message". */
function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof CorpusError) return error.problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('corpus column followups', () => {
  it('splits the ids at |, ignoring spaces and empty ids', () => {
    expect(splitFollowups(' book | cancel ||')).to.deep.equal(['book', 'cancel']);
    expect(splitFollowups('')).to.deep.equal([]);
  });

  it('gives each answer the follow-ups written on one of its rows', () => {
    const { entries } = groupEntries(parseCorpusCsv(CSV, 'faq.csv'));
    expect(entries.map((e) => [e.id, e.followups])).to.deep.equal([
      ['rent', ['book', 'cancel']],
      ['book', undefined],
      ['cancel', undefined],
    ]);
  });

  it('reports a follow-up id that does not exist, and one that names its own answer, with file and line', () => {
    const csv = CSV.replace(' book | cancel', 'book|cancl').replace('can i cancel,Yes.,Rental,', 'can i cancel,Yes.,Rental,cancel');
    expect(problemsOf(() => groupEntries(parseCorpusCsv(csv, 'faq.csv')))).to.deep.equal([
      'faq.csv:2: follow-up id "cancl" of "rent" does not exist; use the id of another answer, or remove it',
      'faq.csv:5: id "cancel" lists itself as a follow-up; list other answers\' ids',
    ]);
  });

  it('reports two different follow-up lists for one id', () => {
    const csv = CSV.replace('rent,bike hire price,,,', 'rent,bike hire price,,,book');
    expect(problemsOf(() => groupEntries(parseCorpusCsv(csv, 'faq.csv')))).to.deep.equal([
      'faq.csv:3: id "rent" already has other follow-ups at faq.csv:2; list them once per id and leave the cell empty on the other rows',
    ]);
  });

  it('are kept in the index: reindex then load gives them back', () => {
    const dir = makeTempDir();
    try {
      dir.write('corpus/faq.csv', CSV);
      reindex(`${dir.path}/corpus`, `${dir.path}/index.sqlite`);
      const index = loadIndex(`${dir.path}/index.sqlite`);
      expect(index.answers.map((a) => a.followups)).to.deep.equal([['book', 'cancel'], undefined, undefined]);
    } finally {
      dir.cleanup();
    }
  });

  for (const command of ['lint', 'reindex']) {
    it(`faqbot ${command} names an unknown follow-up id with file and line, and fails`, async function () {
      this.timeout(30_000);
      const dir = makeTempDir();
      try {
        dir.write('corpus/faq.csv', CSV.replace(' book | cancel', 'book|cancl'));
        const child = spawnCli([command], testEnv(dir.path), dir.path);
        const stderr = collect(child.stderr!);
        const exit = await waitForExit(child, 30_000);
        expect(exit.code).to.equal(1);
        expect(stderr()).to.include(`${dir.path}/corpus/faq.csv:2: follow-up id "cancl" of "rent" does not exist`);
      } finally {
        dir.cleanup();
      }
    });
  }
});
