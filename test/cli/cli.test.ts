import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BAKERY_CSV } from '../helpers/fixtures';
import { utf16le, windows1252 } from '../helpers/spreadsheet-bytes';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
/** Every file under a folder, to show that a command created nothing. */
const listing = (path: string): string[] => readdirSync(path, { recursive: true }).map(String).sort();

const MAIN = resolve(__dirname, '../../src/cli/main.ts');
// The tests run in temporary folders, from where `--import tsx` would not resolve.
const TSX = pathToFileURL(resolve(__dirname, '../../node_modules/tsx/dist/loader.mjs')).href;

/** Runs the real `faqbot` command line (TypeScript through tsx) in a folder with no .env. */
function faqbot(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return faqbotWith({}, cwd, ...args);
}

/** Runs the real `faqbot` command line with some environment variables set. */
function faqbotWith(env: NodeJS.ProcessEnv, cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', TSX, MAIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
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
      const { status, stdout, stderr } = faqbot(dir.path, 'reindex', '--corpus', 'corpus', '--db', 'out/bakery.sqlite');
      expect(status).to.equal(0);
      expect(stdout).to.match(/^Indexed 5 answers, 16 questions, \d+ terms in \d+ ms -> out\/bakery\.sqlite\n$/);
      expect(stderr).to.equal('');
    });

    it('says on stderr, one line per file, how a file not in UTF-8 with commas was read', () => {
      dir.write('europe/shop.csv', windows1252(BAKERY_CSV.replace(/,/g, ';').replace('£3', '£3 ü ñ é').replace(/\n/g, '\r\n')));
      dir.write('europe/unicode.csv', utf16le('id\tquestion\tanswer\r\nparking\tcan i park\tYes, behind the café.\r\n'));
      const { status, stdout, stderr } = faqbot(dir.path, 'reindex', '--corpus', 'europe', '--db', 'out/europe.sqlite');
      expect(status).to.equal(0);
      expect(stderr).to.equal("europe/shop.csv: read as Windows-1252 with ';' separators\neurope/unicode.csv: read as UTF-16LE with tab separators\n");
      expect(stdout).to.match(/^Indexed 6 answers, 17 questions, /);
    });

    it('exits 1 naming file and line of a broken row, and the previous index still answers', () => {
      dir.write('broken/faq.csv', `${BAKERY_CSV}delivery,,,\n`);
      faqbot(dir.path, 'reindex', '--corpus', 'corpus', '--db', 'out/keep.sqlite');
      const before = sha256(`${dir.path}/out/keep.sqlite`);
      const failed = faqbot(dir.path, 'reindex', '--corpus', 'broken', '--db', 'out/keep.sqlite');
      expect(failed.status).to.equal(1);
      expect(failed.stderr).to.contain('broken/faq.csv:18: the row for id "delivery" has no question');
      expect(sha256(`${dir.path}/out/keep.sqlite`)).to.equal(before);
      // ask builds no index away from the default path, so this answer can only come from the file that was kept.
      const ask = faqbot(dir.path, 'ask', '--db', 'out/keep.sqlite', '--json', 'where are you');
      expect(ask.stderr).to.equal('');
      expect(JSON.parse(ask.stdout)).to.include({ id: 'location' });
    });

    it('refuses to write over a file that is not an index, saying which file and why, and leaves it as it was', () => {
      const csv = `${dir.path}/corpus/faq.csv`;
      const before = sha256(csv);
      const { status, stderr } = faqbot(dir.path, 'reindex', '--corpus', 'corpus', '--db', 'corpus/faq.csv');
      expect(status).to.equal(1);
      expect(stderr).to.equal(
        'faqbot: Index corpus/faq.csv: is not a faqbot index (it is not an SQLite database), so it was left as it is. Point --db or FAQBOT_DB at an index file, or at a path where no file exists yet.\n',
      );
      expect(sha256(csv)).to.equal(before);
    });

    it('refuses an index path that is also the message log', () => {
      const { status, stderr } = faqbotWith({ MESSAGE_LOG: 'out/same.sqlite' }, dir.path, 'reindex', '--corpus', 'corpus', '--db', 'out/same.sqlite');
      expect(status).to.equal(1);
      expect(stderr).to.contain('FAQBOT_DB (or --db) and MESSAGE_LOG both name out/same.sqlite');
      expect(existsSync(`${dir.path}/out/same.sqlite`)).to.equal(false);
    });

    it('names file, line and code point of each control character a WhatsApp reply cannot carry, and keeps the previous index', () => {
      faqbot(dir.path, 'reindex', '--corpus', 'corpus', '--db', 'out/controls.sqlite');
      const before = sha256(`${dir.path}/out/controls.sqlite`);
      const rows = ['bell,ring,"Ding\u0007!",', 'tab,vertical tab,"a\u000bb",', 'soh,start,"\u0001start",', 'nonchar,odd,"end\uFFFE",', 'fine,multi line,"one\r\ntwo\tthree",'];
      dir.write('controls/faq.csv', `id,question,answer,category\n${rows.join('\n')}\n`);
      const { status, stderr } = faqbot(dir.path, 'reindex', '--corpus', 'controls', '--db', 'out/controls.sqlite');
      expect(status).to.equal(1);
      const problems = stderr.split('\n').filter((line) => line.startsWith('  '));
      expect(problems.map((line) => line.replace(/, which .*/, ''))).to.deep.equal([
        '  controls/faq.csv:2: the answer holds the control character U+0007',
        '  controls/faq.csv:3: the answer holds the control character U+000B',
        '  controls/faq.csv:4: the answer holds the control character U+0001',
        '  controls/faq.csv:5: the answer holds the control character U+FFFE',
      ]);
      expect(sha256(`${dir.path}/out/controls.sqlite`)).to.equal(before);
    });

    it('escapes terminal control sequences from the corpus in its messages', () => {
      dir.write('ansi-id/faq.csv', 'id,question,answer,category\n\u001b[2J\u001b[31mred,a question,,\n');
      const id = faqbot(dir.path, 'reindex', '--corpus', 'ansi-id', '--db', 'out/ansi.sqlite');
      expect(id.status).to.equal(1);
      expect(id.stderr).not.to.contain('\u001b');
      expect(id.stderr).to.contain('ansi-id/faq.csv:2: the id holds the control character U+001B');
      dir.write('ansi-header/faq.csv', 'id,question,answer,\u001b]0;pwned\u0007\n');
      const header = faqbot(dir.path, 'reindex', '--corpus', 'ansi-header', '--db', 'out/ansi.sqlite');
      expect(header.status).to.equal(1);
      expect(header.stderr).not.to.match(/[\u0000-\u0009\u000b-\u001f]/);
      expect(header.stderr).to.contain('unknown column "\\u001b]0;pwned\\u0007" in the header');
    });
  });

  describe('reindex on a full disk (a real 400 KiB tmpfs, in a private mount namespace)', () => {
    it('says the disk is full in one faqbot: line, without a stack trace, and keeps the previous index', function () {
      const mount = `${dir.path}/tiny`;
      faqbot(dir.path, 'reindex', '--corpus', 'corpus', '--db', 'out/small.sqlite');
      // The old index (130 KiB) fits on the disk; the new one (1.6 MB) does not.
      const extra = Array.from({ length: 300 }, (_, i) => `extra-${i},question number ${i} about thing ${i * 13},"Answer ${i} with some words ${i * 7}",Extra`);
      dir.write('bigger/faq.csv', `${BAKERY_CSV}${extra.join('\n')}\n`);
      mkdirSync(mount);
      const script = [
        'mount -t tmpfs -o size=400k tmpfs "$1" || exit 90',
        'cp "$2" "$1/index.sqlite" && sha256sum "$1/index.sqlite" | cut -c1-64',
        'shift 2; "$@" 2>"$TMPDIR/stderr"; echo "status=$?"',
        `ls -A "${mount}"; sha256sum "${mount}/index.sqlite" | cut -c1-64`,
      ].join('\n');
      const result = spawnSync(
        'unshare',
        ['-rm', 'sh', '-c', script, 'sh', mount, `${dir.path}/out/small.sqlite`, process.execPath, '--import', TSX, MAIN, 'reindex', '--corpus', 'bigger', '--db', `${mount}/index.sqlite`],
        { cwd: dir.path, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: dir.path }, timeout: 60_000 },
      );
      if (result.error !== undefined || result.status === 90) {
        console.log(`      (skipped: no private tmpfs here: ${result.error?.message ?? result.stderr})`);
        this.skip();
      }
      const [hashBefore, status, ...rest] = result.stdout.trim().split('\n');
      const hashAfter = rest.pop();
      const stderr = readFileSync(`${dir.path}/stderr`, 'utf8');
      expect(status).to.equal('status=1');
      expect(stderr).to.match(/^faqbot: Index .*\/tiny\/index\.sqlite: could not be written, the disk is full \((SQLITE_FULL|ENOSPC)[^)]*\); the previous index is untouched\. Free some disk space and run reindex again\.\n$/);
      expect(stderr).not.to.match(/^\s+at /m);
      // No temporary file is left on the full disk.
      expect(rest).to.deep.equal(['index.sqlite']);
      expect(hashAfter).to.equal(hashBefore);
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

    it('--json names the acknowledgement, bot and human rules in fallback', () => {
      for (const [text, rule] of [['ok 👍', 'acknowledgement'], ['are you a bot?', 'bot'], ['speak to the manager', 'human']] as const) {
        const { stdout } = faqbot(dir.path, 'ask', '--db', 'out/bakery.sqlite', '--corpus', 'corpus', '--json', text);
        expect(JSON.parse(stdout), text).to.include({ id: null, fallback: rule });
      }
    });

    it('applies MATCH_THRESHOLD: a paraphrase it answers by default falls back under a strict threshold', () => {
      const question = 'could I order a cake for my birthday';
      faqbot(dir.path, 'reindex', '--corpus', 'corpus', '--db', 'out/threshold.sqlite');
      expect(JSON.parse(faqbot(dir.path, 'ask', '--db', 'out/threshold.sqlite', '--json', question).stdout)).to.include({ id: 'cake-order' });
      const strict = faqbotWith({ MATCH_THRESHOLD: '0.999' }, dir.path, 'ask', '--db', 'out/threshold.sqlite', '--json', question);
      expect(JSON.parse(strict.stdout)).to.include({ id: null });
    });

    it('prints the answer, the score and the runners-up for a person', () => {
      const { stdout } = faqbot(dir.path, 'ask', '--db', 'out/bakery.sqlite', '--corpus', 'corpus', 'how much is delivery for a cake');
      expect(stdout).to.match(/\(answer delivery, score 0\.\d{3}\)\nRunners-up:\n {2}0\.\d{3} {2}cake-order {2}"/);
    });

    it('on a fresh clone builds the default index data/faqbot.sqlite, says so, and answers', () => {
      const clone = makeTempDir();
      try {
        clone.write('corpus/faq.csv', BAKERY_CSV);
        const { status, stdout, stderr } = faqbot(clone.path, 'ask', '--json', 'where are you');
        expect(status).to.equal(0);
        expect(stderr).to.match(/^Indexed 5 answers, 16 questions, \d+ terms in \d+ ms -> data\/faqbot\.sqlite\n$/);
        expect(JSON.parse(stdout)).to.include({ id: 'location' });
        expect(existsSync(`${clone.path}/data/faqbot.sqlite`)).to.equal(true);
      } finally {
        clone.cleanup();
      }
    });
  });

  describe('a --db with no index (a typo)', () => {
    for (const command of [['ask', 'where are you'], ['chat'], ['stats']]) {
      it(`${command[0]} says the file does not exist, exits 1 and creates nothing`, () => {
        const before = listing(dir.path);
        const { status, stderr } = faqbot(dir.path, ...command, '--db', 'typo/faqbot.sqlite', '--corpus', 'corpus');
        expect(status).to.equal(1);
        expect(stderr).to.match(/^faqbot: Index typo\/faqbot\.sqlite: the file does not exist.* Run "npx faqbot reindex( --db typo\/faqbot\.sqlite)?" to build it/);
        expect(listing(dir.path)).to.deep.equal(before);
      });
    }

    it('ask says a --db holding something else is not an index, and leaves it as it was', () => {
      const csv = `${dir.path}/corpus/faq.csv`;
      const before = sha256(csv);
      const { status, stderr } = faqbot(dir.path, 'ask', '--db', 'corpus/faq.csv', '--corpus', 'corpus', 'where are you');
      expect(status).to.equal(1);
      expect(stderr).to.contain('faqbot: Index corpus/faq.csv: is not a faqbot index (it is not an SQLite database), so it was left as it is.');
      expect(sha256(csv)).to.equal(before);
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
        input: 'hello\nwhen do you open\nok thanks\n/quit\n',
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: process.env.HOME },
        timeout: 30_000,
      });
      expect(result.status).to.equal(0);
      expect(result.stdout).to.contain('[greeting');
      expect(result.stdout).to.contain('bot> We are open 7am to 6pm');
      expect(result.stdout).to.contain('[opening-hours');
      expect(result.stdout).to.contain('[thanks');
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

  it('exits 2 on an unknown command or a missing argument, and 0 for --help', () => {
    expect(faqbot(dir.path, 'frobnicate').status).to.equal(2);
    expect(faqbot(dir.path, 'ask').status).to.equal(2);
    expect(faqbot(dir.path, '--help').status).to.equal(0);
  });
});
