import { expect } from 'chai';
import { closeSync, copyFileSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { DEFAULT_REPLIES } from '../../src/corpus/replies';
import { collect, spawnCli, waitForExit, waitUntil } from '../helpers/cli-process';
import { holdLock, type HeldLock } from '../helpers/lock-file';
import { daysAgo, fileFingerprint, fileMode, logRowsFor, queryLog, writeLegacyLog } from '../helpers/message-log-file';
import { postSigned, testEnv, twimlMessages, whatsappForm } from '../helpers/server';
import { prepareBakery, startServe, type ServeProcess } from '../helpers/serve-process';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

const HOURS = 'We are open 7am to 6pm Monday to Saturday, and 8am to 1pm on Sunday.';
const ADDRESS = "You'll find us at 3 Mill Lane, next to the station.";
/** A reply that waited on a lock with main's 2 s busy timeout took at least that long; one that did not wait takes milliseconds. */
const NOT_WAITING_MS = 1000;

/** A sender of its own per call, so that no test trips the rate limit by accident. */
let senders = 0;
const someone = (): string => `whatsapp:+4477009${String(++senders).padStart(5, '0')}`;

describe('the message log under a real `faqbot serve` process', function () {
  this.timeout(60_000);
  let dir: TempDir;
  let serve: ServeProcess | undefined;
  let lock: HeldLock | undefined;
  let path: string;
  beforeEach(() => {
    dir = makeTempDir();
    path = `${dir.path}/messages.sqlite`;
    prepareBakery(dir);
  });
  afterEach(async () => {
    await lock?.release();
    lock = undefined;
    if (serve !== undefined && serve.child.exitCode === null) serve.child.kill('SIGKILL');
    serve = undefined;
    dir.cleanup();
  });

  const ask = async (form: Record<string, string>): Promise<{ status: number; messages: string[]; ms: number }> => {
    const started = performance.now();
    const response = await postSigned(`${serve!.url}/bot`, form);
    const messages = twimlMessages(await response.text());
    return { status: response.status, messages, ms: performance.now() - started };
  };
  /** Waits until the rows are in the file at the path; a file the server is just creating (no tables yet) counts as not yet. */
  const written = (...sids: string[]): Promise<void> =>
    waitUntil(
      () => {
        try {
          return logRowsFor(path, ...sids).length === sids.length;
        } catch {
          return false;
        }
      },
      10_000,
      `${sids.length} rows in the message log`,
    );

  describe('locked by another process (finding 3)', () => {
    for (const mode of ['EXCLUSIVE', 'IMMEDIATE'] as const) {
      it(`answers at once while another process holds the write lock (BEGIN ${mode}), replays queued and written messages, and writes everything when the lock goes`, async () => {
        serve = await startServe(dir);
        const before = whatsappForm('where are you', { From: someone() });
        await ask(before);
        await written(before.MessageSid!);

        lock = await holdLock(path, mode);
        const forms = Array.from({ length: 12 }, (_, n) => whatsappForm(n % 2 === 0 ? 'when do you open' : 'where are you', { From: someone() }));
        const answers = [];
        for (const form of forms) answers.push(await ask(form));
        // Deliveries of one MessageSid at the same moment; their texts differ, so a fresh answer would tell itself apart.
        const twin = whatsappForm('when do you open', { From: someone() });
        const twins = await Promise.all([ask(twin), ask({ ...twin, Body: 'where are you' }), ask({ ...twin, Body: 'do you deliver' })]);
        const replayQueued = await ask({ ...forms[0]!, Body: 'where are you' });
        const replayWritten = await ask({ ...before, Body: 'when do you open' });
        const healthStarted = performance.now();
        expect((await fetch(`${serve.url}/health`)).status).to.equal(200);
        const healthMs = performance.now() - healthStarted;

        const all = [...answers, ...twins, replayQueued, replayWritten];
        expect(all.map((answer) => answer.status)).to.deep.equal(all.map(() => 200));
        expect(answers.map((answer) => answer.messages[0])).to.deep.equal(forms.map((_, n) => (n % 2 === 0 ? HOURS : ADDRESS)));
        expect(twins.map((answer) => answer.messages)).to.deep.equal([twins[0]!.messages, twins[0]!.messages, twins[0]!.messages]);
        expect(replayQueued.messages).to.deep.equal([HOURS]);
        expect(replayWritten.messages).to.deep.equal([ADDRESS]);
        const slowest = Math.max(...all.map((answer) => answer.ms));
        expect(slowest, `slowest reply while locked, ms (p99 of ${all.length})`).to.be.below(NOT_WAITING_MS);
        expect(healthMs, '/health while locked, ms').to.be.below(NOT_WAITING_MS);
        await serve.log.waitFor((line) => line.msg === 'the message log is locked by another process; messages wait in memory and are written when it is free', 5000);
        expect(logRowsFor(path, ...forms.map((form) => form.MessageSid!))).to.deep.equal([]);

        await lock.release();
        lock = undefined;
        await written(...forms.map((form) => form.MessageSid!), twin.MessageSid!);
        await serve.log.waitFor((line) => line.msg === 'the message log can be written again; the waiting messages are being written', 5000);
        expect(logRowsFor(path, twin.MessageSid!)).to.have.length(1);
        const twinLines = () => serve!.log.lines.filter((line) => line.msg === 'request' && line.messageSid === twin.MessageSid);
        await waitUntil(() => twinLines().length === 3, 5000, 'a request line per twin delivery');
        expect(twinLines().map((line) => line.replayed).sort()).to.deep.equal([false, true, true]);
        expect((await serve.stop()).code).to.equal(0);
      });
    }

    it('gives every one of many simultaneous deliveries of one MessageSid exactly the first one\'s reply, recorded once', async () => {
      serve = await startServe(dir);
      const questions = ['when do you open', 'where are you', 'do you deliver', 'can i order a birthday cake', 'do you have gluten free bread', 'hello', 'thanks', 'bye'];
      const form = whatsappForm('x', { From: someone() });
      const replies = await Promise.all(questions.map((question) => ask({ ...form, Body: question })));
      expect(new Set(replies.map((reply) => JSON.stringify(reply.messages))).size).to.equal(1);
      await written(form.MessageSid!);
      const lines = () => serve!.log.lines.filter((line) => line.msg === 'request' && line.messageSid === form.MessageSid);
      await waitUntil(() => lines().length === questions.length, 5000, 'a request line per delivery');
      expect(lines().filter((line) => line.replayed === false)).to.have.length(1);
    });

    it('records once a MessageSid that two serve processes on one log (a rolling restart) both answered at the same moment', async () => {
      serve = await startServe(dir);
      const other = await startServe(dir);
      try {
        const hello = whatsappForm('hello', { From: someone() });
        await ask(hello);
        await written(hello.MessageSid!);
        // While the log is locked neither process can write, so neither can find the other's record: both answer every
        // delivery afresh and both queue it, and the file's unique MessageSid has to settle which row stays.
        lock = await holdLock(path);
        const forms = Array.from({ length: 6 }, (_, n) => whatsappForm(n % 2 === 0 ? 'when do you open' : 'where are you', { From: someone() }));
        const post = async (url: string, form: Record<string, string>): Promise<string[]> => twimlMessages(await (await postSigned(`${url}/bot`, form)).text());
        const pairs = await Promise.all(forms.map((form) => Promise.all([post(serve!.url, form), post(other.url, form)])));
        expect(pairs).to.deep.equal(forms.map((_, n) => (n % 2 === 0 ? [[HOURS], [HOURS]] : [[ADDRESS], [ADDRESS]])));
        const fresh = (process: ServeProcess) => process.log.lines.filter((line) => line.msg === 'request' && line.replayed === false && forms.some((form) => form.MessageSid === line.messageSid));
        await waitUntil(() => fresh(serve!).length === forms.length && fresh(other).length === forms.length, 5000, 'each process to answer every delivery');

        await lock.release();
        lock = undefined;
        expect((await other.stop()).code).to.equal(0);
        expect((await serve.stop()).code).to.equal(0);
        expect(logRowsFor(path, ...forms.map((form) => form.MessageSid!)).map((row) => row.message_sid).sort()).to.deep.equal(forms.map((form) => form.MessageSid!).sort());
        const errors = [...serve.log.lines, ...other.log.lines].filter((line) => (line.level as number) >= 50);
        expect(errors).to.deep.equal([]);
      } finally {
        if (other.child.exitCode === null) other.child.kill('SIGKILL');
      }
    });

    it('on SIGTERM writes the queued messages once the lock goes, within SHUTDOWN_TIMEOUT_MS', async () => {
      serve = await startServe(dir, { SHUTDOWN_TIMEOUT_MS: '5000' });
      const hello = whatsappForm('hello', { From: someone() });
      await ask(hello);
      await written(hello.MessageSid!);
      lock = await holdLock(path);
      const forms = [whatsappForm('when do you open', { From: someone() }), whatsappForm('where are you', { From: someone() })];
      for (const form of forms) await ask(form);
      const exit = serve.stop();
      setTimeout(() => void lock?.release(), 500);
      expect((await exit).code).to.equal(0);
      expect(logRowsFor(path, ...forms.map((form) => form.MessageSid!))).to.have.length(2);
    });

    it('on SIGTERM with the log locked past SHUTDOWN_TIMEOUT_MS, exits and logs the MessageSids it could not write', async () => {
      serve = await startServe(dir, { SHUTDOWN_TIMEOUT_MS: '800' });
      const hello = whatsappForm('hello', { From: someone() });
      await ask(hello);
      await written(hello.MessageSid!);
      lock = await holdLock(path);
      const forms = [whatsappForm('when do you open', { From: someone() }), whatsappForm('where are you', { From: someone() })];
      for (const form of forms) await ask(form);
      const exit = await serve.stop();
      expect(exit.afterMs).to.be.below(5000);
      const line = serve.log.lines.find((entry) => entry.msg === 'shutting down with messages the message log could not take; they are lost');
      expect(line).to.deep.include({ unwritten: 2, messageSids: forms.map((form) => form.MessageSid) });
    });
  });

  describe('damaged (finding 7)', () => {
    it('answers with the apology TwiML when a lookup fails, and starts a new log once the damaged file is moved away', async () => {
      serve = await startServe(dir);
      const first = whatsappForm('when do you open', { From: someone() });
      await ask(first);
      await written(first.MessageSid!);
      // Everything into the main file, then every page after the first (the schema) overwritten: the tables are garbage.
      const outside = new Database(path);
      outside.pragma('wal_checkpoint(TRUNCATE)');
      outside.close();
      const size = statSync(path).size;
      const fd = openSync(path, 'r+');
      writeSync(fd, Buffer.alloc(size - 4096, 0x5a), 0, size - 4096, 4096);
      closeSync(fd);

      const damaged = await ask(whatsappForm('where are you', { From: someone() }));
      expect(damaged).to.deep.include({ status: 200, messages: [DEFAULT_REPLIES.apology] });
      const error = await serve.log.waitFor((line) => line.msg === 'answering a message failed; sent the apology reply instead', 5000);
      expect((error.err as { code?: string }).code).to.equal('SQLITE_CORRUPT');

      renameSync(path, `${dir.path}/damaged.sqlite`);
      await serve.log.waitFor((line) => line.file === 'moved', 5000);
      const after = whatsappForm('where are you', { From: someone() });
      expect((await ask(after)).messages).to.deep.equal([ADDRESS]);
      await written(after.MessageSid!);
    });
  });

  describe('deleted or rotated while serving (finding 9)', () => {
    it('notices, says so, and writes later messages to a new file at the path; the rotated file keeps what was written before', async () => {
      serve = await startServe(dir);
      const first = whatsappForm('when do you open', { From: someone() });
      await ask(first);
      await written(first.MessageSid!);

      renameSync(path, `${dir.path}/messages.1.sqlite`);
      const second = whatsappForm('where are you', { From: someone() });
      await ask(second);
      await serve.log.waitFor((line) => line.file === 'moved', 5000);
      await written(second.MessageSid!);
      expect(logRowsFor(`${dir.path}/messages.1.sqlite`, first.MessageSid!, second.MessageSid!).map((row) => row.message_sid)).to.deep.equal([first.MessageSid]);
      expect(fileMode(path)).to.equal(0o600);

      rmSync(path);
      const third = whatsappForm('do you deliver', { From: someone() });
      await ask(third);
      await waitUntil(() => serve!.log.lines.filter((line) => line.file === 'moved').length === 2, 5000, 'a second "moved" line');
      await written(third.MessageSid!);
      expect(logRowsFor(path, second.MessageSid!, third.MessageSid!).map((row) => row.message_sid)).to.deep.equal([third.MessageSid]);
      expect((await serve.stop()).code).to.equal(0);
    });
  });

  describe('what it keeps (finding 4)', () => {
    it('keeps texts as matched, none for rate-limited messages, owner-only files, and nothing older than MESSAGE_LOG_DAYS', async () => {
      writeLegacyLog(path, [
        { sid: 'SMancient', receivedAt: daysAgo(91), sender: 'whatsapp:+447700900999', body: 'an old question' },
        { sid: 'SMnovel', receivedAt: daysAgo(1), sender: 'whatsapp:+447700900999', body: 'y'.repeat(5000) },
      ]);
      serve = await startServe(dir, { MAX_MESSAGE_CHARS: '100', RATE_LIMIT_MAX: '1', MESSAGE_LOG_DAYS: '90' });
      const from = someone();
      const forms = [whatsappForm(`${'z'.repeat(300)} where are you`, { From: from }), whatsappForm('where are you', { From: from }), whatsappForm('where are you', { From: from })];
      for (const form of forms) await ask(form);
      await written(...forms.map((form) => form.MessageSid!));
      await serve.log.waitFor((line) => line.pruned === 1, 5000);

      expect(logRowsFor(path, ...forms.map((form) => form.MessageSid!)).map((row) => [row.body, row.fallback])).to.deep.equal([
        ['z'.repeat(100), 'fallback'],
        [null, 'rateLimited'],
        [null, 'silenced'],
      ]);
      expect(logRowsFor(path, 'SMancient', 'SMnovel').map((row) => [row.message_sid, row.body?.length])).to.deep.equal([['SMnovel', 100]]);
      expect([fileMode(path), fileMode(`${path}-wal`), fileMode(`${path}-shm`)]).to.deep.equal([0o600, 0o600, 0o600]);
    });

    it('`faqbot forget` erases a sender while the server runs, including a message the server still held in memory, and later messages are kept', async () => {
      serve = await startServe(dir);
      const ada = 'whatsapp:+447700900123';
      const early = [whatsappForm('when do you open', { From: ada }), whatsappForm('where are you', { From: ada })];
      const bob = whatsappForm('do you deliver', { From: someone() });
      for (const form of [...early, bob]) await ask(form);
      await written(...[...early, bob].map((form) => form.MessageSid!));

      // Held in the server's memory: the file is locked when it arrives.
      lock = await holdLock(path);
      const held = whatsappForm('my address is 12 Secret Street', { From: ada });
      const bobHeld = whatsappForm('where are you', { From: bob.From! });
      await ask(held);
      await ask(bobHeld);
      const forget = spawnCli(['forget', 'whatsapp:+44', '7700', '900123'], testEnv(dir.path), dir.path);
      const stdout = collect(forget.stdout!);
      setTimeout(() => void lock?.release(), 300);
      const exit = await waitForExit(forget, 20_000);
      expect(exit.code).to.equal(0);
      expect(stdout()).to.match(/^Forgot \+447700900123: deleted [23] messages from .*messages\.sqlite; a running server will not write any it still holds\.\n$/);

      await written(bobHeld.MessageSid!);
      expect(await serve.stop()).to.include({ code: 0 });
      expect(queryLog(path, 'SELECT count(*) AS n FROM messages WHERE sender = ?', ada)).to.deep.equal([{ n: 0 }]);
      expect(logRowsFor(path, bob.MessageSid!, bobHeld.MessageSid!)).to.have.length(2);

      serve = await startServe(dir);
      const later = whatsappForm('hello again', { From: ada });
      await ask(later);
      await written(later.MessageSid!);
    });
  });

  describe('a MESSAGE_LOG that is not a message log (finding 12)', () => {
    const refused = async (setUp: () => string, expected: string): Promise<void> => {
      const target = setUp();
      const before = statSync(target).isDirectory() ? 'dir' : fileFingerprint(target);
      const child = spawnCli(['serve'], testEnv(dir.path, { MESSAGE_LOG: target }), dir.path);
      const stderr = collect(child.stderr!);
      const exit = await waitForExit(child, 20_000);
      expect(exit.code).to.equal(1);
      expect(stderr()).to.equal(`faqbot: Message log ${target}: ${expected}\n`);
      const after = statSync(target).isDirectory() ? 'dir' : fileFingerprint(target);
      expect(after).to.equal(before);
    };
    const FIX = 'Set MESSAGE_LOG to a file of its own, such as data/messages.sqlite';

    it('refuses a directory with a faqbot: message', async () => {
      await refused(() => dir.write('logs/keep', '').replace(/\/keep$/, ''), `is a directory, not a file. ${FIX}`);
    });

    it('refuses a text file, unchanged', async () => {
      await refused(() => dir.write('notes.txt', 'remember the flour order\n'), `is not an SQLite database (a text file?); it was not changed. ${FIX}`);
    });

    it('refuses a faqbot index, unchanged', async () => {
      // Not FAQBOT_DB itself: the settings check refuses that before the log is opened (test/cli/serve.test.ts).
      await refused(() => {
        copyFileSync(`${dir.path}/index.sqlite`, `${dir.path}/old-index.sqlite`);
        return `${dir.path}/old-index.sqlite`;
      }, `is a faqbot index (FAQBOT_DB), not a message log; it was not changed. ${FIX}`);
    });

    it('refuses another SQLite database, unchanged', async () => {
      await refused(() => {
        const other = new Database(`${dir.path}/crm.sqlite`);
        other.exec('CREATE TABLE customers (name TEXT)');
        other.close();
        return `${dir.path}/crm.sqlite`;
      }, `is an SQLite database of something else (tables customers); it was not changed. ${FIX}`);
    });
  });
});
