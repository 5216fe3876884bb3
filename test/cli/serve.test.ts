import Database from 'better-sqlite3';
import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { reindex } from '../../src/index/reindex';
import { openMessageLog } from '../../src/store/message-log';
import { captureLog } from '../helpers/log-capture';
import { collect, spawnCli, waitForExit } from '../helpers/cli-process';
import { BAKERY_CSV } from '../helpers/fixtures';
import { killIfRunning, startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { postSigned, testEnv, TEST_AUTH_TOKEN, twimlMessages, whatsappForm } from '../helpers/server';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

const HOURS = 'We are open 7am to 6pm Monday to Saturday, and 8am to 1pm on Sunday.';
/** Settings under which production may start. */
const PRODUCTION = { NODE_ENV: 'production', TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN, PUBLIC_URL: 'https://bot.example.com' };

describe('faqbot serve settings (real process)', function () {
  this.timeout(60_000);
  let dir: TempDir;
  let serve: ServeProcess | undefined;
  beforeEach(() => {
    dir = makeTempDir();
    dir.write('corpus/faq.csv', BAKERY_CSV);
  });
  afterEach(() => {
    killIfRunning(serve?.child);
    serve = undefined;
    dir.cleanup();
  });

  /** Runs serve where it should refuse to start, and returns its exit code and stderr. */
  const refusal = async (env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> => {
    const child = spawnCli(['serve'], testEnv(dir.path, env), dir.path);
    const stderr = collect(child.stderr!);
    const exit = await waitForExit(child, 30_000);
    return { code: exit.code, stderr: stderr() };
  };

  it('refuses to start in production without PUBLIC_URL, naming PUBLIC_URL, TRUST_PROXY and PUBLIC_HOSTS', async () => {
    const { code, stderr } = await refusal({ ...PRODUCTION, PUBLIC_URL: '', TRUST_PROXY: 'true' });
    expect(code).to.equal(1);
    expect(stderr).to.include('PUBLIC_URL: required in production, or else TRUST_PROXY=true with PUBLIC_HOSTS listing the public host names Twilio calls');
  });

  it('starts in production behind a proxy with TRUST_PROXY and PUBLIC_HOSTS', async () => {
    serve = await startServeProcess(dir.path, { ...PRODUCTION, PUBLIC_URL: '', TRUST_PROXY: 'true', PUBLIC_HOSTS: 'bot.example.com' });
    const response = await postSigned(`${serve.url}/bot`, whatsappForm('when do you open'), {
      signedUrl: 'https://bot.example.com/bot',
      headers: { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'bot.example.com' },
    });
    expect(twimlMessages(await response.text())).to.deep.equal([HOURS]);
  });

  for (const nodeEnv of ['Production', 'prod', undefined]) {
    it(`refuses SKIP_TWILIO_SIGNATURE with NODE_ENV${nodeEnv === undefined ? ' unset' : `=${nodeEnv}`}`, async () => {
      const { code, stderr } = await refusal({ ...PRODUCTION, NODE_ENV: nodeEnv, SKIP_TWILIO_SIGNATURE: 'true' });
      expect(code).to.equal(1);
      expect(stderr).to.include('SKIP_TWILIO_SIGNATURE: allowed only when NODE_ENV is development or test');
    });
  }

  it('with NODE_ENV=development and SKIP_TWILIO_SIGNATURE answers an unsigned request, and warns that it does', async () => {
    serve = await startServeProcess(dir.path, { NODE_ENV: 'development', SKIP_TWILIO_SIGNATURE: 'true', TWILIO_AUTH_TOKEN: '' });
    // As the README's curl example sends it: no signature, no MessageSid.
    const response = await fetch(`${serve.url}/bot`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ Body: 'when do you open', From: 'whatsapp:+447700900123' }).toString(),
    });
    expect(response.status).to.equal(200);
    expect(twimlMessages(await response.text())).to.deep.equal([HOURS]);
    expect(serve.log.lines.some((line) => line.msg === 'SKIP_TWILIO_SIGNATURE is on: /bot accepts requests from anyone. Use this for local development only.')).to.equal(true);
  });

  it('refuses MESSAGE_LOG=:memory: in production', async () => {
    const { code, stderr } = await refusal({ ...PRODUCTION, MESSAGE_LOG: ':memory:' });
    expect(code).to.equal(1);
    expect(stderr).to.include('MESSAGE_LOG: ":memory:" forgets every MessageSid on restart');
  });

  it('refuses FAQBOT_DB and MESSAGE_LOG naming the same file, and creates nothing', async () => {
    const { code, stderr } = await refusal({ FAQBOT_DB: `${dir.path}/data/one.sqlite`, MESSAGE_LOG: `${dir.path}/data/../data/one.sqlite` });
    expect(code).to.equal(1);
    expect(stderr).to.include(`FAQBOT_DB (or --db) and MESSAGE_LOG both name ${dir.path}/data/one.sqlite`);
    expect(existsSync(`${dir.path}/data/one.sqlite`)).to.equal(false);
  });

  it('refuses FAQBOT_DB pointing at a message log, saying which file and why, and leaves every logged message in it', async () => {
    const logPath = `${dir.path}/old-messages.sqlite`;
    const messages = openMessageLog(logPath, { logger: captureLog().logger });
    for (let i = 0; i < 3; i++) messages.record({ messageSid: whatsappForm('').MessageSid!, sender: 'whatsapp:+447700900123', body: `question ${i}`, messages: ['answer'], answerId: null, score: 0, fallback: 'fallback' });
    await messages.close();
    const before = readFileSync(logPath);
    const { code, stderr } = await refusal({ FAQBOT_DB: logPath });
    expect(code).to.equal(1);
    expect(stderr).to.include(`faqbot: Index ${logPath}: is not a faqbot index (it is an SQLite database in WAL mode, such as the message log), so it was left as it is.`);
    expect(readFileSync(logPath).equals(before)).to.equal(true);
    const db = new Database(logPath, { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n).to.equal(3);
    db.close();
  });

  it('builds the default index on a fresh clone (no FAQBOT_DB, no index yet) and serves it', async () => {
    serve = await startServeProcess(dir.path, { FAQBOT_DB: undefined, MESSAGE_LOG: undefined, CORPUS_DIR: undefined });
    expect(existsSync(`${dir.path}/data/faqbot.sqlite`)).to.equal(true);
    expect(serve.log.lines.find((line) => line.msg === 'index built')).to.include({ answers: 5, db: 'data/faqbot.sqlite' });
    const response = await postSigned(`${serve.url}/bot`, whatsappForm('when do you open'));
    expect(twimlMessages(await response.text())).to.deep.equal([HOURS]);
  });

  it('passes MATCH_THRESHOLD on to the bot', async () => {
    reindex(`${dir.path}/corpus`, `${dir.path}/index.sqlite`);
    const paraphrase = 'could I order a cake for my birthday';
    serve = await startServeProcess(dir.path);
    const usual = twimlMessages(await (await postSigned(`${serve.url}/bot`, whatsappForm(paraphrase))).text());
    expect(usual[0]).to.match(/^Yes! Order a custom cake/);
    serve.child.kill('SIGKILL');
    serve = await startServeProcess(dir.path, { MATCH_THRESHOLD: '0.999' });
    const strict = twimlMessages(await (await postSigned(`${serve.url}/bot`, whatsappForm(paraphrase))).text());
    expect(strict[0]).not.to.match(/^Yes! Order a custom cake/);
    // The request line is written as the response ends, so it may trail the response by a moment.
    expect(await serve.log.waitFor((line) => line.msg === 'request', 5000)).to.include({ answerId: null });
  });
});
