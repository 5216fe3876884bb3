import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MessageLogError } from '../../src/store/message-log-error';
import { openMessageLog } from '../../src/store/message-log';
import { readLoggedQuestions } from '../../src/store/read-log';
import { captureLog } from '../helpers/log-capture';
import { newMessageSid } from '../helpers/server';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

describe('readLoggedQuestions', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => dir.cleanup());

  it('reads the texts, answers and scores since a time, never the sender, while the server holds the log open', async () => {
    const path = join(dir.path, 'messages.sqlite');
    const log = openMessageLog(path, { logger: captureLog().logger });
    const day = 86_400_000;
    const now = Date.now();
    log.record({ messageSid: newMessageSid(), sender: 'whatsapp:+447700900123', body: 'old question', messages: ['a'], answerId: null, score: 0.01, fallback: 'fallback' }, now - 10 * day);
    log.record({ messageSid: newMessageSid(), sender: 'whatsapp:+447700900123', body: 'new question', messages: ['a'], answerId: null, score: 0.04, fallback: 'didYouMean' }, now);
    log.record({ messageSid: newMessageSid(), sender: 'whatsapp:+447700900123', body: null, messages: ['slow down'], answerId: null, score: 0, fallback: 'rateLimited' }, now);
    log.flush();
    const read = readLoggedQuestions(path, new Date(now - day).toISOString());
    expect(read).to.deep.equal([{ receivedAt: new Date(now).toISOString(), body: 'new question', answerId: null, score: 0.04, fallback: 'didYouMean' }]);
    expect(JSON.stringify(read)).to.not.include('7700');
    // The server goes on writing while and after the reader has been there.
    log.record({ messageSid: newMessageSid(), sender: 'whatsapp:+447700900123', body: 'later question', messages: ['a'], answerId: null, score: 0.01, fallback: 'fallback' });
    expect(log.flush()).to.equal(0);
    await log.close();
    expect(readLoggedQuestions(path, new Date(now - day).toISOString()).map((m) => m.body)).to.deep.equal(['new question', 'later question']);
  });

  it('changes nothing in the file it reads', async () => {
    const path = join(dir.path, 'messages.sqlite');
    const log = openMessageLog(path, { logger: captureLog().logger });
    log.record({ messageSid: newMessageSid(), sender: 'whatsapp:+447700900123', body: 'a question', messages: ['a'], answerId: null, score: 0, fallback: 'fallback' });
    await log.close();
    const before = readFileSync(path);
    readLoggedQuestions(path, '2000-01-01');
    expect(readFileSync(path).equals(before)).to.equal(true);
  });

  it('refuses a missing file and a database that is not a message log, saying which', () => {
    expect(() => readLoggedQuestions(join(dir.path, 'none.sqlite'), '2000-01-01')).to.throw(MessageLogError, /none\.sqlite: does not exist/);
    const other = join(dir.path, 'other.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE notes (text TEXT)');
    db.close();
    expect(() => readLoggedQuestions(other, '2000-01-01')).to.throw(MessageLogError, /other\.sqlite: is not a faqbot message log/);
  });
});
