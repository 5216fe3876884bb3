import { expect } from 'chai';
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { collect, spawnCli, waitForExit } from '../helpers/cli-process';
import { BAKERY_CSV } from '../helpers/fixtures';
import { killIfRunning, prepareBakery, startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { postSigned, testEnv, twimlMessages, whatsappForm } from '../helpers/server';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

const HOURS = 'We are open 7am to 6pm Monday to Saturday, and 8am to 1pm on Sunday.';
/** The bakery with an editor's typo half-way through a fix: a new answer, and a row whose question cell was left empty (line 19). */
const BROKEN_CSV = `${BAKERY_CSV}parking,is there parking,"Park for free behind the shop.",Visit\nparking,,,\n`;

interface Health {
  status: string;
  index: { answers: number };
  corpus: { errors: number; stale: boolean };
}

/** Runs a short faqbot command to its end in `dir`, with the test settings. */
async function run(dir: TempDir, args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnCli(args, testEnv(dir.path), dir.path);
  const stdout = collect(child.stdout!);
  const stderr = collect(child.stderr!);
  const { code } = await waitForExit(child, 60_000);
  return { code, stdout: stdout(), stderr: stderr() };
}

describe('a typo in the corpus does not take the bot down (real processes)', function () {
  this.timeout(90_000);
  let dir: TempDir;
  let serve: ServeProcess | undefined;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => {
    killIfRunning(serve?.child);
    serve = undefined;
    dir.cleanup();
  });

  /** A good index on disk, then the corpus edited after it with a typo. */
  const goodIndexThenTypo = (): void => {
    prepareBakery(dir);
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(dir.path, 'index.sqlite'), past, past);
    dir.write('corpus/faq.csv', BROKEN_CSV);
  };

  it('serve answers signed requests from the last good index, logs the errors, and /health reports them with status 200', async () => {
    goodIndexThenTypo();
    serve = await startServeProcess(dir.path);
    const refused = serve.log.lines.find((line) => line.corpusErrors === 1 && Array.isArray(line.problems));
    expect(refused, JSON.stringify(serve.log.lines)).to.not.equal(undefined);
    expect(refused!.problems).to.deep.equal([`${dir.path}/corpus/faq.csv:19: the row for id "parking" has no question; write how a customer would ask, or delete the row`]);

    const response = await postSigned(`${serve.url}/bot`, whatsappForm('when do you open'));
    expect(response.status).to.equal(200);
    expect(twimlMessages(await response.text())).to.deep.equal([HOURS]);

    const health = await fetch(`${serve.url}/health`);
    expect(health.status).to.equal(200);
    const body = (await health.json()) as Health;
    expect(body).to.deep.include({ status: 'ok', corpus: { errors: 1, stale: true } });
    expect(body.index.answers).to.equal(5);
  });

  it('after the fix and a reindex, serve swaps the new index in and /health is clean again', async () => {
    goodIndexThenTypo();
    serve = await startServeProcess(dir.path);
    dir.write('corpus/faq.csv', BROKEN_CSV.replace('parking,,,\n', 'parking,where can i park,,\n'));
    expect((await run(dir, ['reindex'])).code).to.equal(0);
    await serve.log.waitFor((line) => line.msg === 'new index swapped in', 10_000);
    const body = (await (await fetch(`${serve.url}/health`)).json()) as Health;
    expect(body.corpus).to.deep.equal({ errors: 0, stale: false });
    const response = await postSigned(`${serve.url}/bot`, whatsappForm('where can i park'));
    expect(twimlMessages(await response.text())).to.deep.equal(['Park for free behind the shop.']);
  });

  it('/health says stale, with no errors, when the corpus was edited after the index was built', async () => {
    prepareBakery(dir);
    serve = await startServeProcess(dir.path);
    expect(((await (await fetch(`${serve.url}/health`)).json()) as Health).corpus).to.deep.equal({ errors: 0, stale: false });
    dir.write('corpus/replies.json', JSON.stringify({ greeting: 'Morning from the bakery!' }));
    expect(((await (await fetch(`${serve.url}/health`)).json()) as Health).corpus).to.deep.equal({ errors: 0, stale: true });
  });

  it('serve with no index at all refuses to start, naming file and line, and exits 1', async () => {
    dir.write('corpus/faq.csv', BROKEN_CSV);
    const { code, stderr } = await run(dir, ['serve']);
    expect(code).to.equal(1);
    expect(stderr).to.include('faqbot: The corpus has 1 problem; fix it and run reindex again:');
    expect(stderr).to.include('faq.csv:19: the row for id "parking" has no question');
  });

  it('ask prints the corpus errors on stderr and answers from the last good index', async () => {
    goodIndexThenTypo();
    const { code, stdout, stderr } = await run(dir, ['ask', '--json', 'when do you open']);
    expect(code).to.equal(0);
    expect(JSON.parse(stdout)).to.include({ id: 'opening-hours', answer: HOURS });
    expect(stderr).to.include('faq.csv:19: the row for id "parking" has no question');
    expect(stderr).to.include('answering from the last good index');
  });

  it('chat prints the corpus errors on stderr and opens on the last good index', async () => {
    goodIndexThenTypo();
    const { code, stdout, stderr } = await run(dir, ['chat']);
    expect(code).to.equal(0);
    expect(stdout).to.include('faqbot: 5 answers loaded.');
    expect(stderr).to.include('faq.csv:19: the row for id "parking" has no question');
  });

  it('stats says the index is stale after an edit of replies.json, and a reindex serves the new text', async () => {
    prepareBakery(dir);
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(dir.path, 'index.sqlite'), past, past);
    dir.write('corpus/replies.json', JSON.stringify({ greeting: 'Morning from the bakery!' }));
    const stats = await run(dir, ['stats']);
    expect(stats.stdout).to.match(/^stale {9}yes: the corpus in .*corpus\/ changed after this index was built; run "faqbot reindex"$/m);
    expect((await run(dir, ['reindex'])).code).to.equal(0);
    expect((await run(dir, ['stats'])).stdout).to.match(/^stale {9}no$/m);
    serve = await startServeProcess(dir.path);
    const response = await postSigned(`${serve.url}/bot`, whatsappForm('hello'));
    expect(twimlMessages(await response.text())).to.deep.equal(['Morning from the bakery!']);
  });
});
