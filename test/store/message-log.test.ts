import Database from 'better-sqlite3';
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { openMessageLog, type LoggedMessage } from '../../src/store/message-log';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

describe('openMessageLog', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => dir.cleanup());

  const message = (sid: string | null, text: string): LoggedMessage => ({
    messageSid: sid,
    sender: 'whatsapp:+447700900123',
    body: 'when do you open',
    messages: [text],
    answerId: 'opening-hours',
    score: 0.8,
    fallback: null,
  });

  it('creates the file and its folder, and finds nothing for an unknown MessageSid', () => {
    const log = openMessageLog(`${dir.path}/nested/messages.sqlite`);
    expect(log.find('SM1')).to.equal(null);
    log.close();
    expect(existsSync(`${dir.path}/nested/messages.sqlite`)).to.equal(true);
  });

  it('records a message once and returns the first reply for a repeated MessageSid', () => {
    const path = `${dir.path}/messages.sqlite`;
    const log = openMessageLog(path);
    expect(log.record(message('SM1', 'first')).messages).to.deep.equal(['first']);
    expect(log.record(message('SM1', 'second')).messages).to.deep.equal(['first']);
    expect(log.find('SM1')).to.deep.equal({ messages: ['first'], answerId: 'opening-hours', score: 0.8, fallback: null });
    log.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare("SELECT count(*) AS n FROM messages WHERE message_sid = 'SM1'").get()).to.deep.equal({ n: 1 });
    db.close();
  });

  it('records every message without a MessageSid', () => {
    const path = `${dir.path}/messages.sqlite`;
    const log = openMessageLog(path);
    log.record(message(null, 'a'));
    log.record(message(null, 'b'));
    log.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM messages').get()).to.deep.equal({ n: 2 });
    db.close();
  });

  it('keeps what was recorded across a close and reopen, and leaves no WAL file after close', () => {
    const path = `${dir.path}/messages.sqlite`;
    const log = openMessageLog(path);
    log.record(message('SM9', 'kept'));
    log.close();
    expect(existsSync(`${path}-wal`)).to.equal(false);
    const again = openMessageLog(path);
    expect(again.find('SM9')?.messages).to.deep.equal(['kept']);
    again.close();
  });
});
