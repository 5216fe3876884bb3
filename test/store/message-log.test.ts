import Database from 'better-sqlite3';
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { openMessageLog, type LoggedMessage, type MessageLog } from '../../src/store/message-log';
import { captureLog } from '../helpers/log-capture';
import { daysAgo, fileMode, insertLogRows, logRowsFor, queryLog, writeLegacyLog } from '../helpers/message-log-file';
import { waitUntil } from '../helpers/cli-process';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

const message = (sid: string | null, text: string, sender = 'whatsapp:+447700900123'): LoggedMessage => ({
  messageSid: sid,
  sender,
  body: 'when do you open',
  messages: [text],
  answerId: 'opening-hours',
  score: 0.8,
  fallback: null,
});

describe('openMessageLog', () => {
  let dir: TempDir;
  let path: string;
  const opened: MessageLog[] = [];
  const open = (options: Parameters<typeof openMessageLog>[1] = { logger: captureLog().logger }): MessageLog => {
    const log = openMessageLog(path, options);
    opened.push(log);
    return log;
  };
  beforeEach(() => {
    dir = makeTempDir();
    path = `${dir.path}/messages.sqlite`;
  });
  afterEach(async () => {
    for (const log of opened.splice(0)) await log.close();
    dir.cleanup();
  });

  it('creates the file and its folder readable by the owner only, and finds nothing for an unknown MessageSid', () => {
    path = `${dir.path}/nested/messages.sqlite`;
    const log = open();
    expect(log.find('SM1')).to.equal(null);
    expect(fileMode(path)).to.equal(0o600);
    expect(fileMode(`${path}-wal`)).to.equal(0o600);
    expect(fileMode(`${path}-shm`)).to.equal(0o600);
  });

  it('answers a lookup from memory before the message is written, and writes it off the call', () => {
    const log = open();
    log.record(message('SM1', 'first'));
    expect(log.queued).to.equal(1);
    expect(queryLog(path, 'SELECT count(*) AS n FROM messages')).to.deep.equal([{ n: 0 }]);
    expect(log.find('SM1')).to.deep.equal({ messages: ['first'], answerId: 'opening-hours', score: 0.8, fallback: null });
    expect(log.flush()).to.equal(0);
    expect(logRowsFor(path, 'SM1')).to.deep.equal([{ message_sid: 'SM1', sender: 'whatsapp:+447700900123', body: 'when do you open', fallback: null }]);
    expect(log.find('SM1')?.messages).to.deep.equal(['first']);
  });

  it('writes queued messages by itself within a few milliseconds', async () => {
    const log = open();
    log.record(message('SM2', 'soon'));
    await waitUntil(() => log.queued === 0, 2000, 'the queue to be written');
    expect(logRowsFor(path, 'SM2')).to.have.length(1);
  });

  it('keeps the first message of a MessageSid, queued or written', () => {
    const log = open();
    log.record(message('SM1', 'first'));
    log.record(message('SM1', 'second'));
    log.flush();
    log.record(message('SM1', 'third'));
    log.flush();
    expect(log.find('SM1')?.messages).to.deep.equal(['first']);
    expect(queryLog(path, "SELECT reply FROM messages WHERE message_sid = 'SM1'")).to.deep.equal([{ reply: '["first"]' }]);
  });

  it('records every message without a MessageSid', () => {
    const log = open();
    log.record(message(null, 'a'));
    log.record(message(null, 'b'));
    log.flush();
    expect(queryLog(path, 'SELECT count(*) AS n FROM messages')).to.deep.equal([{ n: 2 }]);
  });

  it('writes what is queued when closed, keeps it across a reopen, and leaves no WAL file', async () => {
    const log = openMessageLog(path, { logger: captureLog().logger, flushDelayMs: 60_000 });
    log.record(message('SM9', 'kept'));
    expect(await log.close(1000)).to.deep.equal({ unwritten: 0 });
    expect(existsSync(`${path}-wal`)).to.equal(false);
    expect(open().find('SM9')?.messages).to.deep.equal(['kept']);
  });

  it('drops the oldest queued message past MESSAGE_LOG_QUEUE_MAX and says so once it can write again', () => {
    const captured = captureLog();
    const log = open({ logger: captured.logger, maxQueued: 2, flushDelayMs: 60_000 });
    for (const sid of ['SMa', 'SMb', 'SMc']) log.record(message(sid, sid));
    expect(log.queued).to.equal(2);
    expect(log.find('SMa')).to.equal(null);
    log.flush();
    expect(logRowsFor(path, 'SMa', 'SMb', 'SMc').map((row) => row.message_sid)).to.deep.equal(['SMb', 'SMc']);
    expect(captured.lines().find((line) => line.dropped === 1)).to.include({
      level: 50,
      maxQueued: 2,
      msg: 'messages were dropped, unwritten, while the message log could not be written (MESSAGE_LOG_QUEUE_MAX)',
    });
    // Said once: the next write has nothing dropped to report.
    log.record(message('SMd', 'SMd'));
    log.flush();
    expect(captured.lines().filter((line) => line.dropped !== undefined)).to.have.length(1);
  });

  it('deletes messages older than MESSAGE_LOG_DAYS soon after opening, in batches, and keeps the others', async () => {
    open().flush();
    await opened.pop()!.close();
    const old = Array.from({ length: 1200 }, (_, n) => ({ sid: `SMold${n}`, receivedAt: daysAgo(31 + (n % 5)), sender: 'whatsapp:+447700900001', body: 'old' }));
    insertLogRows(path, [...old, { sid: 'SMnew', receivedAt: daysAgo(29), sender: 'whatsapp:+447700900001', body: 'new' }]);
    const captured = captureLog();
    open({ logger: captured.logger, retentionDays: 30 });
    await waitUntil(() => captured.lines().some((line) => line.pruned !== undefined), 5000, 'the pruning line');
    expect(queryLog(path, 'SELECT message_sid FROM messages')).to.deep.equal([{ message_sid: 'SMnew' }]);
    expect(captured.lines().find((line) => line.pruned !== undefined)).to.include({ pruned: 1200, msg: 'deleted messages older than MESSAGE_LOG_DAYS' });
  });

  it('does not write a queued message that arrived longer ago than MESSAGE_LOG_DAYS', () => {
    const log = open({ logger: captureLog().logger, retentionDays: 1, flushDelayMs: 60_000 });
    log.record(message('SMstale', 'x'), Date.now() - 2 * 86_400_000);
    log.record(message('SMfresh', 'y'));
    log.flush();
    expect(logRowsFor(path, 'SMstale', 'SMfresh').map((row) => row.message_sid)).to.deep.equal(['SMfresh']);
  });

  it('migrates a faqbot 0.1 log: texts cut to MAX_MESSAGE_CHARS, none kept for unanswered messages, readable by the owner only', () => {
    writeLegacyLog(path, [
      { sid: 'SMlong', receivedAt: daysAgo(1), sender: 'whatsapp:+447700900001', body: 'x'.repeat(5000) },
      { sid: 'SMlimited', receivedAt: daysAgo(1), sender: 'whatsapp:+447700900001', body: 'flood', fallback: 'rateLimited' },
    ]);
    const log = open({ logger: captureLog().logger, maxBodyChars: 100 });
    expect(log.find('SMlong')?.messages).to.deep.equal(['hi']);
    expect(logRowsFor(path, 'SMlong', 'SMlimited').map((row) => row.body)).to.deep.equal(['x'.repeat(100), null]);
    expect(fileMode(path)).to.equal(0o600);
    const db = new Database(path, { readonly: true });
    expect([db.pragma('application_id', { simple: true }), db.pragma('user_version', { simple: true })]).to.deep.equal([0x46514d4c, 3]);
    db.close();
  });

  it('writes a backlog longer than one batch in a single flush', () => {
    const log = open({ logger: captureLog().logger, flushDelayMs: 60_000 });
    const sids = Array.from({ length: 250 }, (_, n) => `SMbacklog${n}`);
    for (const sid of sids) log.record(message(sid, sid));
    expect(log.flush()).to.equal(0);
    expect(queryLog(path, 'SELECT count(*) AS n FROM messages')).to.deep.equal([{ n: 250 }]);
  });
});

