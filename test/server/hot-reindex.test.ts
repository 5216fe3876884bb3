import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { CorpusError } from '../../src/corpus/corpus-error';
import { IndexError } from '../../src/index/index-error';
import { reindex } from '../../src/index/reindex';
import { BAKERY_CSV } from '../helpers/fixtures';
import { spawnCli, waitForExit, waitUntil } from '../helpers/cli-process';
import { captureLog } from '../helpers/log-capture';
import { postSigned, startTestServer, testEnv, twimlMessages, whatsappForm, type TestServer } from '../helpers/server';

const HOURS = 'We are open 7am to 6pm Monday to Saturday, and 8am to 1pm on Sunday.';
const PARKING = 'Park for free behind the shop, off Mill Lane.';
const WITH_PARKING = `${BAKERY_CSV}parking,where can i park,"${PARKING}",Visit\nparking,is there parking,,\n`;

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const health = async (server: TestServer): Promise<{ corpusHash: string; answers: number }> =>
  ((await (await fetch(`${server.baseUrl}/health`)).json()) as { index: { corpusHash: string; answers: number } }).index;

/** A corpus big enough that writing its index takes a while, so a reindex can be killed in the middle of it. */
function bigCorpus(answers: number): string {
  // Long answers make a big index file (a long write to kill half-way through) from few questions (a short build).
  const filler = 'Our widgets are made of steel, packed in recycled boxes and shipped worldwide by courier. '.repeat(12);
  const rows = ['id,question,answer,category'];
  for (let i = 0; i < answers; i++) rows.push(`item-${i},what about widget number ${i} and gadget ${i * 7},"Widget ${i} costs ${i} pounds and ships in ${i % 9} days. ${filler}",Items`);
  return `${rows.join('\n')}\n`;
}

describe('hot reindex (real server, real reindex processes)', function () {
  this.timeout(60_000);

  describe('a reindex while requests stream in', () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(undefined, { INDEX_POLL_MS: '50', RATE_LIMIT_MAX: '0' });
    });
    after(async () => {
      await server.stop();
    });

    it('swaps the new index in without a restart and without a failed request, and the new answer is served after', async () => {
      const before = await health(server);
      const results: { status: number; messages: string[] }[] = [];
      let streaming = true;
      const worker = async (): Promise<void> => {
        while (streaming) {
          const response = await postSigned(`${server.baseUrl}/bot`, whatsappForm('when do you open'));
          results.push({ status: response.status, messages: twimlMessages(await response.text()) });
        }
      };
      const workers = Array.from({ length: 4 }, worker);

      server.dir.write('corpus/faq.csv', WITH_PARKING);
      const child = spawnCli(['reindex', '--corpus', `${server.dir.path}/corpus`, '--db', server.config.dbPath], testEnv(server.dir.path), server.dir.path);
      expect((await waitForExit(child, 30_000)).code).to.equal(0);
      await waitUntil(async () => (await health(server)).corpusHash !== before.corpusHash, 5000, 'the new index to be served');
      const swappedAt = results.length;
      await waitUntil(() => results.length >= swappedAt + 20, 5000, 'more requests after the swap');
      streaming = false;
      await Promise.all(workers);

      expect(results.length).to.be.greaterThan(40);
      expect(results.filter((r) => r.status !== 200 || r.messages.length !== 1 || r.messages[0] !== HOURS)).to.deep.equal([]);
      expect((await health(server)).answers).to.equal(before.answers + 1);
      expect(server.running.index.reloads).to.equal(1);
      const parking = await postSigned(`${server.baseUrl}/bot`, whatsappForm('where can i park my car'));
      expect(twimlMessages(await parking.text())).to.deep.equal([PARKING]);
    });
  });

  describe('a reindex that fails', () => {
    let server: TestServer;
    const log = captureLog('warn');
    let fileHash: string;
    let corpusHash: string;
    beforeEach(async () => {
      server = await startTestServer(undefined, { INDEX_POLL_MS: '50' }, log.logger);
      fileHash = sha256(server.config.dbPath);
      corpusHash = (await health(server)).corpusHash;
    });
    afterEach(async () => {
      await server.stop();
    });

    const expectOldIndexIntact = async (): Promise<void> => {
      expect(sha256(server.config.dbPath)).to.equal(fileHash);
      expect((await health(server)).corpusHash).to.equal(corpusHash);
      const response = await postSigned(`${server.baseUrl}/bot`, whatsappForm('when do you open'));
      expect(twimlMessages(await response.text())).to.deep.equal([HOURS]);
      expect(server.running.index.reloads).to.equal(0);
    };

    it('on a bad CSV row leaves the served index and the file on disk intact', async () => {
      server.dir.write('corpus/faq.csv', `${BAKERY_CSV}broken,,"an answer with no question",Visit\n`);
      expect(() => reindex(server.config.corpusDir, server.config.dbPath)).to.throw(CorpusError);
      await server.running.index.refresh();
      await expectOldIndexIntact();
    });

    it('killed with SIGKILL half-way through writing leaves the served index and the file on disk intact', async function () {
      // Bounded by the test's own timeout alone: about 6 s of CPU before a 30 MB write when idle, many times that when busy.
      this.timeout(300_000);
      server.dir.write('corpus/faq.csv', bigCorpus(4_000));
      const child = spawnCli(['reindex', '--corpus', server.config.corpusDir, '--db', server.config.dbPath], testEnv(server.dir.path), server.dir.path);
      const temporary = `.index.sqlite.${child.pid}.tmp`;
      let exited = false;
      child.once('exit', () => (exited = true));
      // Killed once the file has grown past 1 MB: in the middle of the big write transaction, when a rollback journal on disk would exist.
      // Waits on that event (or on the reindex ending first, which fails the test plainly), not on a time limit.
      const grown = (): boolean => exited || (readdirSync(server.dir.path).includes(temporary) && statSync(`${server.dir.path}/${temporary}`).size > 1_000_000);
      await waitUntil(grown, 290_000, `the reindex to be half-way through writing ${temporary}`);
      expect(exited, 'the reindex ended before it could be killed half-way').to.equal(false);
      child.kill('SIGKILL');
      expect((await waitForExit(child, 5000)).signal).to.equal('SIGKILL');
      // The half-written file is what a crash leaves behind; it must never be mistaken for the index. Its journal is
      // kept in memory, so there is no .tmp-journal beside it that cleanup would have to know about.
      expect(readdirSync(server.dir.path).filter((name) => name.startsWith('.index.sqlite.'))).to.deep.equal([temporary]);
      // Checks the folder now, as the watcher would, rather than waiting some time for it.
      await server.running.index.refresh();
      await expectOldIndexIntact();
    });

    it('on a damaged file renamed into place keeps serving the previous index and says so, then takes the next good one once the file is removed', async () => {
      writeFileSync(`${server.dir.path}/garbage.tmp`, 'this is not an SQLite file'.repeat(100));
      renameSync(`${server.dir.path}/garbage.tmp`, server.config.dbPath);
      await waitUntil(() => log.lines().some((line) => line.msg === 'a new index file could not be loaded; still serving the previous index. Run "faqbot reindex" again.'), 5000, 'the load error to be logged');
      expect((await health(server)).corpusHash).to.equal(corpusHash);
      const response = await postSigned(`${server.baseUrl}/bot`, whatsappForm('when do you open'));
      expect(twimlMessages(await response.text())).to.deep.equal([HOURS]);

      server.dir.write('corpus/faq.csv', WITH_PARKING);
      // Nothing tells a damaged index from someone's file at that path, so reindex leaves it for the operator to remove.
      expect(() => reindex(server.config.corpusDir, server.config.dbPath)).to.throw(IndexError, /is not a faqbot index/);
      rmSync(server.config.dbPath);
      reindex(server.config.corpusDir, server.config.dbPath);
      await waitUntil(() => server.running.index.reloads === 1, 5000, 'the good index to be swapped in');
      const parking = await postSigned(`${server.baseUrl}/bot`, whatsappForm('is there parking'));
      expect(twimlMessages(await parking.text())).to.deep.equal([PARKING]);
    });
  });
});
