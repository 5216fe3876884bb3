import { expect } from 'chai';
import { createServer, type Server } from 'node:net';
import { type AddressInfo } from 'node:net';
import { collect, spawnCli, waitForExit } from '../helpers/cli-process';
import { killIfRunning, prepareBakery, startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { testEnv } from '../helpers/server';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

/** Runs a faqbot command to its end in `dir` with the test settings (and `env` over them). */
async function run(dir: TempDir, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnCli(args, testEnv(dir.path, env), dir.path);
  const stdout = collect(child.stdout!);
  const stderr = collect(child.stderr!);
  const { code } = await waitForExit(child, 60_000);
  return { code, stdout: stdout(), stderr: stderr() };
}

describe('the command line as a person meets it (real processes)', function () {
  this.timeout(90_000);
  let dir: TempDir;
  let serve: ServeProcess | undefined;
  before(() => {
    dir = makeTempDir();
    prepareBakery(dir);
  });
  afterEach(() => {
    killIfRunning(serve?.child);
    serve = undefined;
  });
  after(() => dir.cleanup());

  it('exits 2 with no arguments, with ask and no text, and with an unknown command', async () => {
    for (const args of [[], ['ask'], ['frobnicate']]) {
      const { code, stderr } = await run(dir, args);
      expect(code, args.join(' ')).to.equal(2);
      expect(stderr, args.join(' ')).to.not.match(/\n\s+at /);
    }
  });

  it('eval with a --train file that does not exist says so in one line and exits 2, without a stack trace', async () => {
    dir.write('test.csv', 'text,label\nwhen do you open,opening-hours\n');
    const { code, stderr } = await run(dir, ['eval', '--train', 'missing.csv', '--test', 'test.csv']);
    expect(code).to.equal(2);
    expect(stderr).to.equal('faqbot: --train missing.csv: no such file; give a labeled CSV file (text,label), e.g. test/fixtures/sample-messages.csv\n');
  });

  it('a port in use gets one faqbot: line naming the port and what to do, exit 1', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const { code, stderr } = await run(dir, ['serve'], { PORT: String(port) });
      expect(code).to.equal(1);
      expect(stderr).to.equal(`faqbot: port ${port} on 127.0.0.1 is already in use (another faqbot serve, or another program); stop it, or choose a free port with --port N or PORT=N\n`);
    } finally {
      blocker.close();
    }
  });

  it('a settings error reads "faqbot: cannot start", not "faqbot: faqbot cannot start"', async () => {
    const { code, stderr } = await run(dir, ['serve'], { RATE_LIMIT_MAX: 'lots' });
    expect(code).to.equal(1);
    expect(stderr).to.match(/^faqbot: cannot start, fix these settings/);
    expect(stderr).to.not.include('faqbot cannot start');
  });

  it('the start-up line says which URL Twilio signatures are checked against', async () => {
    serve = await startServeProcess(dir.path, { PUBLIC_URL: 'https://abc123.ngrok-free.app' });
    const listening = serve.log.lines.find((line) => typeof line.port === 'number')!;
    expect(listening.signatureUrl).to.equal('https://abc123.ngrok-free.app/bot');
    expect(listening.msg).to.match(/; Twilio signatures are checked against https:\/\/abc123\.ngrok-free\.app\/bot$/);
    await serve.stop();
    serve = await startServeProcess(dir.path);
    const local = serve.log.lines.find((line) => typeof line.port === 'number')!;
    expect(local.signatureUrl).to.equal('the URL each request was sent to (its Host header) + /bot; set PUBLIC_URL to the address Twilio calls');
  });
});
