import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BAKERY_CSV } from '../helpers/fixtures';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

const MAIN = resolve(__dirname, '../../src/cli/main.ts');
// The tests run in temporary folders, from where `--import tsx` would not resolve.
const TSX = pathToFileURL(resolve(__dirname, '../../node_modules/tsx/dist/loader.mjs')).href;

/** Runs the real `faqbot` command line (TypeScript through tsx) in a folder with no .env. */
function faqbot(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', TSX, MAIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('faqbot command line', function () {
  this.timeout(60_000);
  let dir: TempDir;
  before(() => {
    dir = makeTempDir();
    dir.write('corpus/faq.csv', BAKERY_CSV);
  });
  after(() => {
    dir.cleanup();
  });

  describe('reindex', () => {
    it('builds the index from --corpus into --db and prints a summary', () => {
      const { status, stdout } = faqbot(dir.path, 'reindex', '--corpus', 'corpus', '--db', 'out/bakery.sqlite');
      expect(status).to.equal(0);
      expect(stdout).to.match(/^Indexed 5 answers, 16 questions, \d+ terms in \d+ ms -> out\/bakery\.sqlite\n$/);
    });

    it('exits 1 naming file and line of a broken row, and the previous index still answers', () => {
      dir.write('broken/faq.csv', `${BAKERY_CSV}delivery,,,\n`);
      faqbot(dir.path, 'reindex', '--corpus', 'corpus', '--db', 'out/keep.sqlite');
      const failed = faqbot(dir.path, 'reindex', '--corpus', 'broken', '--db', 'out/keep.sqlite');
      expect(failed.status).to.equal(1);
      expect(failed.stderr).to.contain('broken/faq.csv:18: the row for id "delivery" has no question');
      const ask = faqbot(dir.path, 'ask', '--db', 'out/keep.sqlite', '--corpus', 'corpus', '--json', 'where are you');
      expect(JSON.parse(ask.stdout)).to.include({ id: 'location' });
    });
  });

  describe('ask', () => {
    it('--json prints one object with id, answer, score, fallback and the candidates', () => {
      faqbot(dir.path, 'reindex', '--corpus', 'corpus', '--db', 'out/bakery.sqlite');
      const { status, stdout } = faqbot(dir.path, 'ask', '--db', 'out/bakery.sqlite', '--corpus', 'corpus', '--json', 'do you have gluten free bread?');
      expect(status).to.equal(0);
      const reply = JSON.parse(stdout) as { id: string; answer: string; score: number; fallback: null; candidates: { id: string }[] };
      expect(reply).to.include({ id: 'gluten-free', fallback: null, answer: 'Yes: we bake a gluten-free loaf every morning, and gluten-free brownies on Fridays.' });
      expect(reply.score).to.be.closeTo(1, 0.005);
      expect(reply.candidates[0]?.id).to.equal('gluten-free');
    });

    it('--json gives id null and the rule name on a fallback', () => {
      const { stdout } = faqbot(dir.path, 'ask', '--db', 'out/bakery.sqlite', '--corpus', 'corpus', '--json', 'hello');
      expect(JSON.parse(stdout)).to.include({ id: null, fallback: 'greeting' });
    });

    it('prints the answer, the score and the runners-up for a person', () => {
      const { stdout } = faqbot(dir.path, 'ask', '--db', 'out/bakery.sqlite', '--corpus', 'corpus', 'how much is delivery for a cake');
      expect(stdout).to.match(/\(answer delivery, score 0\.\d{3}\)\nRunners-up:\n {2}0\.\d{3} {2}cake-order {2}"/);
    });

    it('builds the index first when it is missing', () => {
      const { status, stdout, stderr } = faqbot(dir.path, 'ask', '--db', 'out/fresh.sqlite', '--corpus', 'corpus', '--json', 'where are you');
      expect(status).to.equal(0);
      expect(stderr).to.match(/^Indexed 5 answers/);
      expect(JSON.parse(stdout)).to.include({ id: 'location' });
    });
  });

  describe('stats', () => {
    it('shows counts, build time and whether the index is stale', () => {
      faqbot(dir.path, 'reindex', '--corpus', 'corpus', '--db', 'out/stats.sqlite');
      const { status, stdout } = faqbot(dir.path, 'stats', '--db', 'out/stats.sqlite', '--corpus', 'corpus');
      expect(status).to.equal(0);
      expect(stdout).to.match(/^answers {7}5$/m);
      expect(stdout).to.match(/^questions {5}16$/m);
      expect(stdout).to.match(/^stale {9}no$/m);
    });

    it('exits 1 and says to run reindex when there is no index', () => {
      const { status, stderr } = faqbot(dir.path, 'stats', '--db', 'out/none.sqlite');
      expect(status).to.equal(1);
      expect(stderr).to.contain('does not exist. Run "npx faqbot reindex" to build it.');
    });
  });

  describe('chat', () => {
    it('answers each line typed and leaves on /quit', () => {
      const result = spawnSync(process.execPath, ['--import', TSX, MAIN, 'chat', '--db', 'out/bakery.sqlite', '--corpus', 'corpus'], {
        cwd: dir.path,
        input: 'hello\nwhen do you open\n/quit\n',
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: process.env.HOME },
        timeout: 30_000,
      });
      expect(result.status).to.equal(0);
      expect(result.stdout).to.contain('[greeting');
      expect(result.stdout).to.contain('bot> We are open 7am to 6pm');
      expect(result.stdout).to.contain('[opening-hours');
    });
  });

  describe('eval', () => {
    it('--errors writes the wrong test rows to a CSV file beside the report', () => {
      dir.write('train.csv', 'text,label\nwhen do you open,hours\nwhat are your opening hours,hours\nwhere are you,location\nwhat is your address,location\n');
      dir.write('test.csv', 'text,label\nwhen are you open,hours\n"where are you, please",\n');
      const { status, stdout } = faqbot(dir.path, 'eval', '--train', 'train.csv', '--test', 'test.csv', '--errors', 'errors.csv', '--json');
      expect(status).to.equal(0);
      expect(JSON.parse(stdout)).to.include({ n: 2, inScopeAccuracy: 1, oosRecall: 0 });
      expect(readFileSync(join(dir.path, 'errors.csv'), 'utf8')).to.match(/^text,expected,predicted,confidence,rank\n"where are you, please",,location,0\.\d{4},\n$/);
    });
  });

  it('exits 2 on an unknown command', () => {
    expect(faqbot(dir.path, 'frobnicate').status).to.not.equal(0);
  });
});
