import Database from 'better-sqlite3';
import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { forgetSender } from '../../src/store/forget-sender';
import { MessageLogError } from '../../src/store/message-log-error';
import { openMessageLog, type LoggedMessage } from '../../src/store/message-log';
import { captureLog } from '../helpers/log-capture';
import { logRowsFor, queryLog } from '../helpers/message-log-file';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

const ADA = 'whatsapp:+447700900123';
const BOB = 'whatsapp:+447700900456';
const from = (sender: string, sid: string, body: string): LoggedMessage => ({ messageSid: sid, sender, body, messages: ['ok'], answerId: null, score: 0, fallback: 'greeting' });

describe('forgetSender', () => {
  let dir: TempDir;
  let path: string;
  beforeEach(() => {
    dir = makeTempDir();
    path = `${dir.path}/messages.sqlite`;
  });
  afterEach(() => dir.cleanup());

  it("deletes every message of the number, in either form, keeps everyone else's, and leaves no copy of the texts in the files", async () => {
    const log = openMessageLog(path, { logger: captureLog().logger });
    log.record(from(ADA, 'SM1', 'my address is 12 Secret Street'));
    log.record(from('+447700900123', 'SM2', 'sms from the same phone'));
    log.record(from(BOB, 'SM3', 'bob stays'));
    log.flush();
    expect(forgetSender(path, '+447700900123', { maxBodyChars: 2000 })).to.equal(2);
    expect(logRowsFor(path, 'SM1', 'SM2', 'SM3').map((row) => row.message_sid)).to.deep.equal(['SM3']);
    await log.close();
    const bytes = Buffer.concat([path, `${path}-wal`].filter(existsSync).map((file) => readFileSync(file)));
    expect(bytes.includes('12 Secret Street')).to.equal(false);
    expect(bytes.includes('bob stays')).to.equal(true);
  });

  it('stops a running log from writing that sender\'s messages it still held in memory, but not later ones', async () => {
    const log = openMessageLog(path, { logger: captureLog().logger, flushDelayMs: 60_000 });
    log.record(from(ADA, 'SMbefore', 'queued before the erasure'), Date.now() - 1000);
    log.record(from(BOB, 'SMbob', 'someone else'), Date.now() - 1000);
    expect(forgetSender(path, '+44 7700 900123', { maxBodyChars: 2000 })).to.equal(0);
    log.record(from(ADA, 'SMafter', 'written again after the erasure'), Date.now() + 1000);
    log.flush();
    expect(logRowsFor(path, 'SMbefore', 'SMbob', 'SMafter').map((row) => row.message_sid)).to.deep.equal(['SMbob', 'SMafter']);
    await log.close();
  });

  it('keeps only a hash of the erased number, pruned like the messages', () => {
    const log = openMessageLog(path, { logger: captureLog().logger });
    void log.close();
    forgetSender(path, '+447700900123', { maxBodyChars: 2000 });
    const marks = queryLog<{ sender_hash: string }>(path, 'SELECT sender_hash FROM forgotten');
    expect(marks).to.have.length(1);
    expect(marks[0]!.sender_hash).to.match(/^[0-9a-f]{64}$/);
    expect(readFileSync(path).includes('447700900123')).to.equal(false);
  });

  it('refuses a message log that does not exist, creating nothing', () => {
    expect(() => forgetSender(path, '+447700900123', { maxBodyChars: 2000 })).to.throw(MessageLogError, 'does not exist');
    expect(existsSync(path)).to.equal(false);
  });

  it('closes the file when done, which removes its write-ahead log', async () => {
    const log = openMessageLog(path, { logger: captureLog().logger });
    log.record(from(ADA, 'SM1', 'hello'));
    await log.close(1000);
    forgetSender(path, '+447700900123', { maxBodyChars: 2000 });
    expect(existsSync(`${path}-wal`)).to.equal(false);
  });
  it('leaves no copy of the erased texts in the files even while a server holds the log open', async () => {
    const log = openMessageLog(path, { logger: captureLog().logger, flushDelayMs: 60_000 });
    log.record(from(ADA, 'SM1', 'my address is 12 Secret Street'));
    log.record(from(BOB, 'SM2', 'bob stays'));
    log.flush();
    expect(forgetSender(path, '+447700900123', { maxBodyChars: 2000 })).to.equal(1);
    const bytes = Buffer.concat([path, `${path}-wal`].filter(existsSync).map((file) => readFileSync(file)));
    expect(bytes.includes('12 Secret Street')).to.equal(false);
    expect(bytes.includes('bob stays')).to.equal(true);
    await log.close();
  });

  it("deletes what the bot remembered of the number's conversation, and no one else's", async () => {
    await openMessageLog(path, { logger: captureLog().logger }).close();
    const db = new Database(path);
    const state = db.prepare('INSERT INTO sender_state (sender, state, expires_at) VALUES (?, ?, ?)');
    state.run('+447700900123', '{"fallbackStreak":1}', Date.now() + 60_000);
    state.run('+447700900456', '{"fallbackStreak":2}', Date.now() + 60_000);
    db.close();
    forgetSender(path, '+447700900123', { maxBodyChars: 2000 });
    expect(queryLog(path, 'SELECT sender FROM sender_state')).to.deep.equal([{ sender: '+447700900456' }]);
  });

  it('records when the number was erased, and moves the mark on when it is erased again', async () => {
    await openMessageLog(path, { logger: captureLog().logger }).close();
    const at = Date.UTC(2026, 10, 27, 9, 0, 0);
    forgetSender(path, '+447700900123', { maxBodyChars: 2000, now: () => at });
    expect(queryLog(path, 'SELECT forgotten_at FROM forgotten')).to.deep.equal([{ forgotten_at: '2026-11-27T09:00:00.000Z' }]);
    forgetSender(path, '+447700900123', { maxBodyChars: 2000, now: () => at + 60_000 });
    expect(queryLog(path, 'SELECT forgotten_at FROM forgotten')).to.deep.equal([{ forgotten_at: '2026-11-27T09:01:00.000Z' }]);
  });

  it('passes on a failure that is not a lock as SQLite reported it', async () => {
    await openMessageLog(path, { logger: captureLog().logger }).close();
    const db = new Database(path);
    db.exec('DROP TABLE sender_state');
    db.close();
    expect(() => forgetSender(path, '+447700900123', { maxBodyChars: 2000 }))
      .to.throw('no such table: sender_state')
      .and.not.be.instanceOf(MessageLogError);
  });
});
