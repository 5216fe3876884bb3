import { expect } from 'chai';
import { forgetSender } from '../../src/store/forget-sender';
import { prepareLogStatements, type LogStatements } from '../../src/store/log-statements';
import { openLogFile, type OpenLogFile } from '../../src/store/open-log-file';
import { type QueuedMessage } from '../../src/store/types';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

const queued = (messageSid: string | null, sender: string, receivedAt: string, reply = 'ok'): QueuedMessage => ({
  messageSid,
  sender,
  body: 'when do you open',
  messages: [reply],
  answerId: 'opening-hours',
  score: 0.8,
  fallback: null,
  receivedAt,
});

describe('prepareLogStatements', () => {
  let dir: TempDir;
  let path: string;
  let file: OpenLogFile;
  let statements: LogStatements;
  beforeEach(() => {
    dir = makeTempDir();
    path = `${dir.path}/messages.sqlite`;
    file = openLogFile(path, { create: true, busyTimeoutMs: 10, maxBodyChars: 2000 });
    statements = prepareLogStatements(file.db);
  });
  afterEach(() => {
    file.db.close();
    dir.cleanup();
  });

  it('says how many messages a write added, leaving out MessageSids already there', () => {
    expect(statements.write([queued('SM1', '+447700900123', '2026-11-27T09:00:00.000Z'), queued(null, '+447700900123', '2026-11-27T09:00:01.000Z')])).to.equal(2);
    expect(statements.write([queued('SM1', '+447700900123', '2026-11-27T09:00:02.000Z'), queued('SM2', '+447700900123', '2026-11-27T09:00:03.000Z')])).to.equal(1);
    expect(statements.find('SM1')).to.deep.equal({ messages: ['ok'], answerId: 'opening-hours', score: 0.8, fallback: null });
  });

  it('leaves out, and does not count, messages of a sender erased after they arrived', () => {
    forgetSender(path, '+447700900123', { maxBodyChars: 2000, now: () => Date.UTC(2026, 10, 27, 9, 30) });
    const written = statements.write([
      queued('SMbefore', 'whatsapp:+447700900123', '2026-11-27T09:00:00.000Z'),
      queued('SMother', 'whatsapp:+447700900456', '2026-11-27T09:00:00.000Z'),
      queued('SMafter', 'whatsapp:+447700900123', '2026-11-27T10:00:00.000Z'),
    ]);
    expect(written).to.equal(2);
    expect(statements.find('SMbefore')).to.equal(null);
    expect(statements.find('SMafter')).to.not.equal(null);
  });

  it('gives the latest messages of the addresses asked for, newest first, one address or two', () => {
    statements.write([
      queued('SM1', 'whatsapp:+447700900123', '2026-11-27T09:00:01.000Z', 'a1'),
      queued('SM2', '+447700900123', '2026-11-27T09:00:02.000Z', 'a2'),
      queued('SM3', 'whatsapp:+447700900456', '2026-11-27T09:00:03.000Z', 'b3'),
      queued('SM4', 'whatsapp:+447700900123', '2026-11-27T09:00:04.000Z', 'a4'),
    ]);
    expect(statements.recent(['+447700900123', 'whatsapp:+447700900123'], 2).map((m) => m.reply)).to.deep.equal([['a4'], ['a2']]);
    expect(statements.recent(['whatsapp:+447700900123'], 10)).to.deep.equal([
      { receivedAt: '2026-11-27T09:00:04.000Z', body: 'when do you open', reply: ['a4'] },
      { receivedAt: '2026-11-27T09:00:01.000Z', body: 'when do you open', reply: ['a1'] },
    ]);
  });
});
