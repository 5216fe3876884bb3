import { expect } from 'chai';
import { collect, spawnCli, waitForExit } from '../../helpers/cli-process';
import { BAKERY_CSV } from '../../helpers/fixtures';
import { LONG_ANSWER, PLANTED_CSV } from '../../helpers/lint-fixtures';
import { windows1252 } from '../../helpers/spreadsheet-bytes';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir';

/** Runs the real `faqbot lint` in `cwd` and returns how it ended and what it printed. */
async function lint(cwd: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnCli(['lint', ...args], {}, cwd);
  const stdout = collect(child.stdout!);
  const stderr = collect(child.stderr!);
  const { code } = await waitForExit(child, 60_000);
  return { code, stdout: stdout(), stderr: stderr() };
}

describe('faqbot lint (real command line)', function () {
  this.timeout(90_000);
  let dir: TempDir;
  before(() => {
    dir = makeTempDir();
    dir.write('planted/faq.csv', PLANTED_CSV);
    dir.write('clean/faq.csv', BAKERY_CSV);
  });
  after(() => {
    dir.cleanup();
  });

  it('finds planted duplicates, a confusing phrasing and an over-long answer, each with file:line, and exits 0', async () => {
    const { code, stdout, stderr } = await lint(dir.path, '--corpus', 'planted');
    expect(code).to.equal(0);
    expect(stderr).to.equal('');
    const lines = stdout.trimEnd().split('\n');
    expect(lines).to.include.members([
      'planted/faq.csv:22: warning: the question "do you have gluten free bread please" (id "cake-order") is nearly the same as "do you have gluten free bread" under id "gluten-free" at planted/faq.csv:9; keep the wording under the id it asks for, or add the words that tell the two apart',
      'planted/faq.csv:23: warning: the question "When do you open?" (id "delivery") is also under id "opening-hours" at planted/faq.csv:3; keep it under the one id it asks for and delete the other row',
      'planted/faq.csv:24: warning: id "parking" has a single question; add two or three other ways customers ask for it, in their words',
      `planted/faq.csv:25: warning: the answer of id "terms" is ${LONG_ANSWER.length.toLocaleString('en')} characters, over the 1,600 of one WhatsApp message, so it arrives as 2 messages; shorten it, or split it into answers of their own`,
    ]);
    // The confidence is the learner's; any from 0.5 up is a confident wrong answer.
    expect(lines).to.satisfy((all: string[]) =>
      all.some((line) =>
        /^planted\/faq\.csv:18: warning: asked as a new message, "can i order a birthday cake for my party" \(id "gluten-free"\) gets the answer of "cake-order" \(confidence (0\.[5-9]\d|1\.00)\); add questions like it to "gluten-free", with the words that set it apart from "cake-order"$/.test(line),
      ),
    );
    const warningLines = lines.slice(0, -1).map((line) => Number(/^planted\/faq\.csv:(\d+): warning: /.exec(line)?.[1]));
    expect(warningLines).to.deep.equal([...warningLines].sort((a, b) => a - b));
    expect(lines.at(-1)).to.match(/^\d+ warnings in 1 file \(1 duplicate question, 1 near-duplicate question, \d+ confusing phrasings?, 1 long answer, 1 id with too few questions\): 26 questions of 7 answers and 1 out-of-scope example checked in \d+\.\d s$/);
  });

  it('--strict exits 1 when there are warnings, and 0 on a corpus without any', async () => {
    expect((await lint(dir.path, '--strict', '--corpus', 'planted')).code).to.equal(1);
    const clean = await lint(dir.path, '--strict', '--corpus', 'clean');
    expect(clean.code).to.equal(0);
    expect(clean.stdout).to.match(/^no warnings: 16 questions of 5 answers and 0 out-of-scope examples checked in \d+\.\d s\n$/);
  });

  it('--json prints one object with every warning and its row', async () => {
    const { code, stdout } = await lint(dir.path, '--json', '--corpus', 'planted');
    expect(code).to.equal(0);
    const report = JSON.parse(stdout) as { warnings: { file: string; line: number; check: string; related?: { line: number } }[]; answers: number; questions: number; notices: string[] };
    expect(report).to.include({ answers: 7, questions: 26 });
    expect(report.notices).to.deep.equal([]);
    const at = (line: number) => report.warnings.filter((w) => w.line === line).map((w) => w.check);
    expect([18, 22, 23, 24, 25].map(at)).to.deep.equal([['confusing'], ['near-duplicate'], ['duplicate'], ['few-questions'], ['long-answer']]);
    expect(report.warnings.find((w) => w.check === 'duplicate')).to.deep.include({ file: 'planted/faq.csv', related: { file: 'planted/faq.csv', line: 3 } });
  });

  it('says how a file saved as Windows-1252 with semicolons was read, then checks it', async () => {
    dir.write('europe/faq.csv', windows1252(PLANTED_CSV.replace(/,/g, ';').replace('£3', '£3 ü ñ é')));
    const { code, stdout, stderr } = await lint(dir.path, '--corpus', 'europe');
    expect(code).to.equal(0);
    expect(stderr).to.equal("europe/faq.csv: read as Windows-1252 with ';' separators\n");
    expect(stdout).to.contain('europe/faq.csv:23: warning: the question "When do you open?" (id "delivery") is also under id "opening-hours" at europe/faq.csv:3');
  });

  it('exits 1 naming the file and line of a broken row, as reindex does', async () => {
    dir.write('broken/faq.csv', `${BAKERY_CSV}delivery,,,\n`);
    const { code, stderr } = await lint(dir.path, '--corpus', 'broken');
    expect(code).to.equal(1);
    expect(stderr).to.contain('broken/faq.csv:18: the row for id "delivery" has no question');
  });
});
