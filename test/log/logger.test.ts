import { expect } from 'chai';
import { reindex } from '../../src/index/reindex';
import { flatLineWriter } from '../../src/log/logger';
import { waitForExit } from '../helpers/cli-process';
import { BAKERY_CSV } from '../helpers/fixtures';
import { captureLog } from '../helpers/log-capture';
import { killIfRunning, startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { TEST_AUTH_TOKEN, whatsappForm } from '../helpers/server';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';

describe('flatLineWriter', () => {
  it("writes flat lines to the logger's own destination, at the logger's level", () => {
    const log = captureLog('info');
    const write = flatLineWriter(log.logger);
    write('info', { reqId: 'r1', status: 200, fallback: null, replayed: false }, 'request');
    write('debug', { reqId: 'r2' }, 'request');
    log.logger.info({ other: 1 }, 'after');
    expect(log.lines().map(({ time: _time, ...rest }) => rest)).to.deep.equal([
      { level: 30, reqId: 'r1', status: 200, fallback: null, replayed: false, msg: 'request' },
      { level: 30, other: 1, msg: 'after' },
    ]);
  });

  it('lays a line out exactly as pino does (level, time, fields in order, msg), escapes included', () => {
    const fields = { reqId: 'r"1', path: '/bot\n', status: 200, score: 0.25, fallback: null, replayed: false, sender: 'whatsapp:+44*******123 é😀' };
    const ours = captureLog('info');
    flatLineWriter(ours.logger)('info', fields, 'request');
    const pinos = captureLog('info');
    pinos.logger.info(fields, 'request');
    const withoutTime = (raw: string): string => raw.replace(/"time":\d+/, '"time":0');
    expect(withoutTime(ours.raw())).to.equal(withoutTime(pinos.raw()));
    expect(ours.raw().endsWith('}\n')).to.equal(true);
  });

  it('writes a line of no fields as pino does', () => {
    const ours = captureLog('info');
    flatLineWriter(ours.logger)('info', {}, 'request');
    const pinos = captureLog('info');
    pinos.logger.info({}, 'request');
    expect(ours.raw().replace(/"time":\d+/, '')).to.equal(pinos.raw().replace(/"time":\d+/, ''));
  });

  it('writes debug lines when the logger is at debug', () => {
    const log = captureLog('debug');
    flatLineWriter(log.logger)('debug', { path: '/health' }, 'request');
    expect(log.lines()).to.have.length(1);
    expect(log.lines()[0]).to.include({ level: 20, path: '/health' });
  });
});

describe('the request log of a real `faqbot serve` process, written asynchronously', function () {
  this.timeout(60_000);
  let dir: TempDir;
  let serve: ServeProcess | undefined;
  before(() => {
    dir = makeTempDir();
    dir.write('corpus/faq.csv', BAKERY_CSV);
    reindex(`${dir.path}/corpus`, `${dir.path}/index.sqlite`);
  });
  after(() => {
    killIfRunning(serve?.child);
    dir.cleanup();
  });

  it('still holds a line for every answered request, and the stopped line last, when SIGTERM follows a burst at once', async () => {
    serve = await startServeProcess(dir.path);
    const url = `${serve.url}/bot`;
    const requests = 300;
    const answered = await Promise.all(
      Array.from({ length: requests }, async (_, i) => {
        const form = whatsappForm('when do you open?', { From: `whatsapp:+4477009${String(i).padStart(5, '0')}` });
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': getExpectedTwilioSignature(TEST_AUTH_TOKEN, url, form) },
          body: new URLSearchParams(form).toString(),
        });
        await response.text();
        return response.status;
      }),
    );
    // No pause: the lines of the last answers are at most handed to the writer when the signal comes.
    serve.child.kill('SIGTERM');
    const exit = await waitForExit(serve.child, 20_000);
    expect(answered.filter((status) => status === 200)).to.have.length(requests);
    expect(exit.code).to.equal(0);
    expect(serve.log.lines.filter((line) => line.msg === 'request' && line.status === 200)).to.have.length(requests);
    expect(serve.log.lines.at(-1)).to.include({ msg: 'stopped' });
  });
});
