import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readLoggedQuestions } from '../../src/store/read-log';
import { collect, spawnCli, waitForExit, waitUntil } from '../helpers/cli-process';
import { killIfRunning, prepareBakery, startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { postSigned, testEnv, twimlMessages, whatsappForm } from '../helpers/server';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

const HOURS = 'We are open 7am to 6pm Monday to Saturday, and 8am to 1pm on Sunday.';

/** What customers sent, from several numbers: three ways of asking about e-scooters, two about gift cards, one answered well. */
const SENT: readonly (readonly [string, string])[] = [
  ['do you repair e-scooters', 'whatsapp:+447700900111'],
  ['can u fix my e scooter', 'whatsapp:+447700900222'],
  ['escooter repairs?', 'whatsapp:+447700900333'],
  ['do you repair e-scooters', 'whatsapp:+447700900444'],
  ['do you sell gift cards', 'whatsapp:+447700900555'],
  ['can i buy a gift card, call me on 07700 900666', 'whatsapp:+447700900666'],
  ['when do you open', 'whatsapp:+447700900777'],
];

type Row = Record<'question' | 'count' | 'examples' | 'nearest_id' | 'nearest_score', string>;

describe('faqbot unanswered (real serve, then the real command line)', function () {
  this.timeout(90_000);
  let dir: TempDir;
  let serve: ServeProcess | undefined;
  before(async () => {
    dir = makeTempDir();
    prepareBakery(dir);
    serve = await startServeProcess(dir.path);
    for (const [text, from] of SENT) {
      const response = await postSigned(`${serve.url}/bot`, whatsappForm(text, { From: from, WaId: from.slice(10) }));
      expect(response.status).to.equal(200);
      if (text === 'when do you open') expect(twimlMessages(await response.text())).to.deep.equal([HOURS]);
    }
    // The server writes its log shortly after answering; wait until every message is in the file.
    await waitUntil(() => readLoggedQuestions(join(dir.path, 'messages.sqlite'), '2000-01-01').length === SENT.length, 10_000, 'the messages to be logged');
  });
  after(() => {
    killIfRunning(serve?.child);
    dir.cleanup();
  });

  /** Runs `faqbot unanswered` beside the running server. */
  const unanswered = async (...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> => {
    const child = spawnCli(['unanswered', ...args], testEnv(dir.path), dir.path);
    const stdout = collect(child.stdout!);
    const stderr = collect(child.stderr!);
    const { code } = await waitForExit(child, 60_000);
    return { code, stdout: stdout(), stderr: stderr() };
  };

  it('groups the messages by meaning, most frequent first, with counts, examples and the nearest answer, while the server runs', async () => {
    const { code, stdout, stderr } = await unanswered();
    expect(code, stderr).to.equal(0);
    const rows = parse(stdout, { columns: true }) as Row[];
    expect(Object.keys(rows[0]!)).to.deep.equal(['question', 'count', 'examples', 'nearest_id', 'nearest_score']);
    expect(rows.map((row) => [row.question, row.count])).to.deep.equal([
      ['do you repair e-scooters', '4'],
      ['do you sell gift cards', '2'],
    ]);
    expect(rows[0]!.examples.split(' | ').sort()).to.deep.equal(['can u fix my e scooter', 'escooter repairs?']);
    expect(rows[1]!.examples).to.equal('can i buy a gift card, call me on [number]');
    for (const row of rows) {
      expect(row.nearest_id).to.be.oneOf(['opening-hours', 'location', 'gluten-free', 'cake-order', 'delivery']);
      expect(Number(row.nearest_score)).to.be.within(0, 1);
    }
    expect(stderr).to.match(/^faqbot: 6 of 7 messages since \S+ were not answered confidently \(\d+ fallback, \d+ did-you-mean or choices, \d+ answered with low confidence\); 2 groups, 2 listed -> stdout\n$/);
    // The server was not held up: it still answers.
    const after = await postSigned(`${serve!.url}/bot`, whatsappForm('when do you open'));
    expect(twimlMessages(await after.text())).to.deep.equal([HOURS]);
  });

  it('never shows a phone number, neither a sender nor one typed in a message', async () => {
    const { stdout, stderr } = await unanswered();
    expect(stdout + stderr).to.not.match(/7700|900\d{3}/);
  });

  it('--min-count leaves out smaller groups, and --out writes an owner-only file', async () => {
    const { code, stdout, stderr } = await unanswered('--min-count', '3', '--out', 'unanswered.csv');
    expect(code).to.equal(0);
    expect(stdout).to.equal('');
    expect(stderr).to.match(/2 groups, 1 listed -> unanswered\.csv\n$/);
    const file = join(dir.path, 'unanswered.csv');
    expect((parse(readFileSync(file), { columns: true }) as Row[]).map((row) => row.count)).to.deep.equal(['4']);
    expect(statSync(file).mode & 0o777).to.equal(0o600);
  });

  it('--since leaves out older messages, and a bad value is a usage error (exit 2)', async () => {
    const future = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const later = await unanswered('--since', future);
    expect(later.code).to.equal(0);
    expect(later.stdout).to.equal('question,count,examples,nearest_id,nearest_score\n');
    const bad = await unanswered('--since', 'last tuesday');
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.equal('faqbot: --since must be an age such as 7d, 36h or 2w, or a date such as 2026-11-01; got "last tuesday"\n');
  });

  it('after the editor adds the group to the corpus and reindexes, the report no longer lists it', async () => {
    const rows = parse((await unanswered()).stdout, { columns: true }) as Row[];
    const scooters = rows[0]!;
    const phrasings = [scooters.question, ...scooters.examples.split(' | ')];
    const added = phrasings.map((question, i) => `e-scooter-repairs,${question},${i === 0 ? '"Yes, we repair e-scooters: bring it in any weekday."' : ''},Repairs`);
    dir.write('corpus/faq.csv', `${readFileSync(join(dir.path, 'corpus/faq.csv'), 'utf8')}${added.join('\n')}\n`);
    const reindex = spawnCli(['reindex'], testEnv(dir.path), dir.path);
    expect((await waitForExit(reindex, 60_000)).code).to.equal(0);
    const { code, stdout, stderr } = await unanswered();
    expect(code).to.equal(0);
    expect((parse(stdout, { columns: true }) as Row[]).map((row) => row.question)).to.deep.equal(['do you sell gift cards']);
    expect(stderr).to.include(', 4 of them answered by the index now and left out; 1 group, 1 listed -> stdout');
  });
});
