import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openMessageLog } from '../../src/store/message-log';
import { captureLog } from '../helpers/log-capture';
import { queryLog } from '../helpers/message-log-file';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

const MAIN = resolve(__dirname, '../../src/cli/main.ts');
const TSX = pathToFileURL(resolve(__dirname, '../../node_modules/tsx/dist/loader.mjs')).href;

/** Runs the real `faqbot` command line in `cwd` with `env` (and PATH, HOME) only. */
function faqbot(cwd: string, env: NodeJS.ProcessEnv, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', TSX, MAIN, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('faqbot forget', function () {
  this.timeout(60_000);
  let dir: TempDir;
  let path: string;
  beforeEach(async () => {
    dir = makeTempDir();
    path = `${dir.path}/data/messages.sqlite`;
    const log = openMessageLog(path, { logger: captureLog().logger });
    for (const [sid, sender] of [['SM1', 'whatsapp:+447700900123'], ['SM2', '+447700900123'], ['SM3', 'whatsapp:+15550001111']] as const) {
      log.record({ messageSid: sid, sender, body: 'hello', messages: ['Hi!'], answerId: null, score: 0, fallback: 'greeting' });
    }
    await log.close();
  });
  afterEach(() => dir.cleanup());

  it('deletes every message of the number given with whatsapp: and spaces, from MESSAGE_LOG, and says how many', () => {
    const { status, stdout } = faqbot(dir.path, { MESSAGE_LOG: path }, 'forget', 'whatsapp:+44 7700 900123');
    expect(status).to.equal(0);
    expect(stdout).to.equal(`Forgot +447700900123: deleted 2 messages from ${path}; a running server will not write any it still holds.\n`);
    expect(queryLog(path, 'SELECT message_sid FROM messages')).to.deep.equal([{ message_sid: 'SM3' }]);
  });

  it('takes the log from --log, and the number without a plus', () => {
    const { status, stdout } = faqbot(dir.path, {}, 'forget', '--log', path, '15550001111');
    expect(status).to.equal(0);
    expect(stdout).to.match(/^Forgot \+15550001111: deleted 1 message from /);
  });

  it('exits 2 on something that is not a phone number, deleting nothing', () => {
    const { status, stderr } = faqbot(dir.path, { MESSAGE_LOG: path }, 'forget', 'Ada');
    expect(status).to.equal(2);
    expect(stderr).to.equal('faqbot: "Ada" is not a phone number; give it with its country code, e.g. +447700900123 (with or without whatsapp:, spaces allowed)\n');
    expect(queryLog(path, 'SELECT count(*) AS n FROM messages')).to.deep.equal([{ n: 3 }]);
  });

  it('exits 1 naming the file when there is no message log there', () => {
    const { status, stderr } = faqbot(dir.path, { MESSAGE_LOG: `${dir.path}/nowhere.sqlite` }, 'forget', '+447700900123');
    expect(status).to.equal(1);
    expect(stderr).to.equal(`faqbot: Message log ${dir.path}/nowhere.sqlite: does not exist. Check MESSAGE_LOG (or --log): it must name the file the server writes\n`);
  });
});
