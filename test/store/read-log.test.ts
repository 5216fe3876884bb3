import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { LOG_SCHEMA_VERSION } from '../../src/store/log-schema';
import { MessageLogError } from '../../src/store/message-log-error';
import { openMessageLog } from '../../src/store/message-log';
import { openLogFile } from '../../src/store/open-log-file';
import { readLoggedQuestions } from '../../src/store/read-log';
import { captureLog } from '../helpers/log-capture';
import { openHandlesOn, writeLegacyLog } from '../helpers/message-log-file';
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
    expect(openHandlesOn(path)).to.deep.equal([]);
  });

  it('refuses a missing file and a database that is not a message log, saying which', () => {
    expect(() => readLoggedQuestions(join(dir.path, 'none.sqlite'), '2000-01-01')).to.throw(MessageLogError, /none\.sqlite: does not exist/);
    const other = join(dir.path, 'other.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE notes (text TEXT)');
    db.close();
    expect(() => readLoggedQuestions(other, '2000-01-01')).to.throw(MessageLogError, /other\.sqlite: is not a faqbot message log/);
  });
  it('refuses a folder, a faqbot 0.1 log and a log of another layout, saying what to do', () => {
    expect(() => readLoggedQuestions(dir.path, '2000-01-01')).to.throw(MessageLogError, `Message log ${dir.path}: is not a file. Set MESSAGE_LOG (or --log) to the file the server writes`);
    const legacy = join(dir.path, 'old.sqlite');
    writeLegacyLog(legacy, []);
    expect(() => readLoggedQuestions(legacy, '2000-01-01')).to.throw(MessageLogError, 'is a message log of faqbot 0.1. Start the server (faqbot serve) once to convert it');
    const future = join(dir.path, 'future.sqlite');
    openLogFile(future, { create: true, busyTimeoutMs: 10, maxBodyChars: 2000 }).db.close();
    const db = new Database(future);
    db.pragma('user_version = 2');
    db.close();
    expect(() => readLoggedQuestions(future, '2000-01-01')).to.throw(MessageLogError, `has layout version 2, and this faqbot reads version ${LOG_SCHEMA_VERSION}. Start the server once to convert it`);
    expect([...openHandlesOn(legacy), ...openHandlesOn(future)]).to.deep.equal([]);
  });

  it('refuses a file that is not a database, and one locked against readers, without changing either', function () {
    this.timeout(10_000);
    const text = dir.write('notes.txt', 'call the baker back\n'.repeat(300));
    expect(() => readLoggedQuestions(text, '2000-01-01')).to.throw(MessageLogError, `Message log ${text}: cannot be read (SQLITE_NOTADB). Check that it is the message log the server writes`);
    expect(readFileSync(text, 'utf8')).to.equal('call the baker back\n'.repeat(300));
    // A log copied in rollback-journal mode: there an exclusive lock keeps readers out.
    const path = join(dir.path, 'copied.sqlite');
    openLogFile(path, { create: true, busyTimeoutMs: 10, maxBodyChars: 2000 }).db.close();
    const other = new Database(path);
    other.pragma('journal_mode = DELETE');
    other.exec('BEGIN EXCLUSIVE');
    try {
      expect(() => readLoggedQuestions(path, '2000-01-01')).to.throw(MessageLogError, `Message log ${path}: is locked by another process. Try again in a moment`);
    } finally {
      other.exec('COMMIT');
      other.close();
    }
  });

  it('reads the answered texts in the order they arrived', async () => {
    const path = join(dir.path, 'messages.sqlite');
    const log = openMessageLog(path, { logger: captureLog().logger, flushDelayMs: 60_000 });
    const at = Date.UTC(2026, 10, 27, 9, 0, 0);
    for (const [body, offset] of [['third', 3], ['first', 1], ['second', 2]] as const) {
      log.record({ messageSid: newMessageSid(), sender: 'whatsapp:+447700900123', body, messages: ['a'], answerId: 'hours', score: 0.5, fallback: null }, at + offset * 1000);
    }
    await log.close();
    expect(readLoggedQuestions(path, new Date(at + 2000).toISOString())).to.deep.equal([
      { receivedAt: new Date(at + 2000).toISOString(), body: 'second', answerId: 'hours', score: 0.5, fallback: null },
      { receivedAt: new Date(at + 3000).toISOString(), body: 'third', answerId: 'hours', score: 0.5, fallback: null },
    ]);
  });
});
