import Database from 'better-sqlite3';
import { expect } from 'chai';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { forgetSender } from '../../src/store/forget-sender';
import { openMessageLog, type LoggedMessage, type MessageLog } from '../../src/store/message-log';
import { captureLog } from '../helpers/log-capture';
import { daysAgo, fileMode, insertLogRows, logRowsFor, openHandlesOn, queryLog, writeLegacyLog } from '../helpers/message-log-file';
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

describe('openMessageLog on a clock of its own (retention, pruning, the path check)', function () {
  this.timeout(20_000);
  const DAY = 86_400_000;
  const NOW = Date.UTC(2026, 10, 27, 9, 0, 0);
  let dir: TempDir;
  let path: string;
  let log: MessageLog | undefined;
  beforeEach(() => {
    dir = makeTempDir();
    path = `${dir.path}/messages.sqlite`;
  });
  afterEach(async () => {
    await log?.close();
    log = undefined;
    dir.cleanup();
  });
  /** Lets the pruning that openMessageLog starts on the next turn of the event loop run. */
  const nextTurns = async (): Promise<void> => {
    for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
  };

  it('stamps a message with the time it is recorded, on the clock it was given', () => {
    log = openMessageLog(path, { logger: captureLog().logger, flushDelayMs: 60_000, now: () => NOW });
    log.record(message('SMnow', 'x'));
    log.flush();
    expect(queryLog(path, 'SELECT received_at FROM messages')).to.deep.equal([{ received_at: new Date(NOW).toISOString() }]);
  });

  it('still writes a message exactly MESSAGE_LOG_DAYS old, and not one a millisecond older', () => {
    log = openMessageLog(path, { logger: captureLog().logger, retentionDays: 30, flushDelayMs: 60_000, now: () => NOW });
    log.record(message('SMedge', 'x'), NOW - 30 * DAY);
    log.record(message('SMpast', 'y'), NOW - 30 * DAY - 1);
    expect(log.flush()).to.equal(0);
    expect(logRowsFor(path, 'SMedge', 'SMpast').map((row) => row.message_sid)).to.deep.equal(['SMedge']);
  });

  it('deletes messages again every pruneEveryMs as they grow old, not only after opening', async () => {
    let clock = NOW;
    const captured = captureLog();
    log = openMessageLog(path, { logger: captured.logger, retentionDays: 1, pruneEveryMs: 20, flushDelayMs: 60_000, now: () => clock });
    log.record(message('SMaging', 'x'));
    log.flush();
    clock = NOW + 2 * DAY;
    await waitUntil(() => captured.lines().some((line) => line.pruned !== undefined), 5000, 'the pruning line');
    expect(queryLog(path, 'SELECT count(*) AS n FROM messages')).to.deep.equal([{ n: 0 }]);
    expect(captured.lines().find((line) => line.pruned !== undefined)).to.include({ level: 30, pruned: 1, olderThan: new Date(NOW + DAY).toISOString() });
  });

  it('says nothing about pruning when nothing is older than MESSAGE_LOG_DAYS', async () => {
    const captured = captureLog();
    log = openMessageLog(path, { logger: captured.logger, now: () => NOW });
    log.record(message('SMfresh', 'x'), NOW - DAY);
    log.flush();
    await nextTurns();
    expect(captured.lines()).to.deep.equal([]);
    expect(logRowsFor(path, 'SMfresh')).to.have.length(1);
  });

  it('deletes erasure marks older than MESSAGE_LOG_DAYS with the messages, and keeps newer ones', async () => {
    openMessageLog(path, { logger: captureLog().logger }).flush();
    forgetSender(path, '+447700900123', { maxBodyChars: 2000, now: () => NOW - 40 * DAY });
    forgetSender(path, '+447700900456', { maxBodyChars: 2000, now: () => NOW - 10 * DAY });
    insertLogRows(path, [{ sid: 'SMold', receivedAt: new Date(NOW - 40 * DAY).toISOString(), sender: 'whatsapp:+447700900789', body: 'old' }]);
    const captured = captureLog();
    log = openMessageLog(path, { logger: captured.logger, retentionDays: 30, now: () => NOW });
    await waitUntil(() => captured.lines().some((line) => line.pruned !== undefined), 5000, 'the pruning line');
    expect(queryLog(path, 'SELECT forgotten_at FROM forgotten')).to.deep.equal([{ forgotten_at: new Date(NOW - 10 * DAY).toISOString() }]);
  });

  it('waits quietly when the file is locked at pruning time, and says so when pruning fails otherwise', async () => {
    openMessageLog(path, { logger: captureLog().logger }).flush();
    insertLogRows(path, [{ sid: 'SMold', receivedAt: new Date(NOW - 40 * DAY).toISOString(), sender: 'whatsapp:+447700900789', body: 'old' }]);
    const captured = captureLog();
    // Another connection's write transaction (in this process, so the lock is taken before pruning starts).
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    log = openMessageLog(path, { logger: captured.logger, retentionDays: 30, pruneEveryMs: 60_000, now: () => NOW });
    await nextTurns();
    other.exec('COMMIT');
    other.close();
    expect(captured.lines()).to.deep.equal([]);
    expect(logRowsFor(path, 'SMold')).to.have.length(1);

    await log.close();
    const failing = captureLog();
    log = openMessageLog(path, { logger: failing.logger, retentionDays: 30, pruneEveryMs: 20, flushDelayMs: 60_000, checkEveryMs: 60_000, now: () => NOW });
    await nextTurns();
    rmSync(path);
    writeFileSync(path, 'not a database');
    await waitUntil(() => failing.lines().some((line) => line.msg === 'could not delete old messages from the message log'), 5000, 'the pruning error');
    expect(failing.lines().find((line) => line.msg === 'could not delete old messages from the message log')).to.include({ level: 50, messageLog: path });
  });

  it('notices a deleted file by itself every checkEveryMs, without a message to write', async () => {
    const captured = captureLog();
    log = openMessageLog(path, { logger: captured.logger, checkEveryMs: 10 });
    rmSync(path);
    await waitUntil(() => captured.lines().some((line) => line.file === 'moved'), 5000, 'the line about the moved file');
    expect(existsSync(path)).to.equal(true);
    expect(fileMode(path)).to.equal(0o600);
  });

  it('reports a file the path check cannot open as a log, once', async () => {
    const captured = captureLog();
    log = openMessageLog(path, { logger: captured.logger, checkEveryMs: 10 });
    rmSync(path);
    writeFileSync(path, 'not a database');
    const errors = (): Record<string, unknown>[] => captured.lines().filter((line) => line.msg === 'could not write to the message log; messages wait in memory and are retried');
    await waitUntil(() => errors().length > 0, 5000, 'the error line');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(errors()).to.have.length(1);
    expect(errors()[0]).to.include({ level: 50, messageLog: path, queued: 0 });
  });

  it('shuts down at once and without a word when everything was written, however long it was allowed', async () => {
    const captured = captureLog();
    // A clock that stands still: closing must not wait for the time allowed to pass.
    const opened = openMessageLog(path, { logger: captured.logger, flushDelayMs: 60_000, now: () => NOW });
    opened.record(message('SMlast', 'x'));
    expect(await opened.close(60_000)).to.deep.equal({ unwritten: 0 });
    expect(captured.lines()).to.deep.equal([]);
    expect(logRowsFor(path, 'SMlast')).to.have.length(1);
  });

  it('gives the latest messages of one number, SMS and WhatsApp alike, written and queued, oldest first', async () => {
    log = openMessageLog(path, { logger: captureLog().logger, flushDelayMs: 60_000 });
    log.record(message('SM1', 'a1', 'whatsapp:+447700900123'), NOW + 1000);
    log.record(message('SMbob', 'b', 'whatsapp:+447700900456'), NOW + 1500);
    log.record(message('SM2', 'a2', '+447700900123'), NOW + 2000);
    log.record(message('SM3', 'a3', 'whatsapp:+447700900123'), NOW + 3000);
    log.flush();
    log.record(message('SM4', 'a4', '+447700900123'), NOW + 4000);
    log.record(message('SMbob2', 'b2', 'whatsapp:+447700900456'), NOW + 4500);
    expect((await log.recentMessages('+447700900123', 3)).map((m) => m.reply)).to.deep.equal([['a2'], ['a3'], ['a4']]);
    expect(await log.recentMessages('+447700900123', 10)).to.deep.equal(
      [1, 2, 3, 4].map((n) => ({ receivedAt: new Date(NOW + n * 1000).toISOString(), body: 'when do you open', reply: [`a${n}`] })),
    );
    expect(await log.recentMessages('+447700900999', 10)).to.deep.equal([]);
  });

  it('hands out the connection to the file now at the path, for the tables kept beside the messages', async () => {
    log = openMessageLog(path, { logger: captureLog().logger, flushDelayMs: 60_000 });
    log.record(message('SMold', 'x'));
    log.flush();
    const count = (): unknown => log!.database().prepare('SELECT count(*) AS n FROM messages').get();
    expect(count()).to.deep.equal({ n: 1 });
    renameSync(path, `${path}.1`);
    log.record(message('SMnew', 'y'));
    log.flush();
    expect(log.database().prepare('SELECT message_sid FROM messages').all()).to.deep.equal([{ message_sid: 'SMnew' }]);
  });
  it('lets go of the file when closed: a message recorded late or left unwritten is not written afterwards', async () => {
    const opened = openMessageLog(path, { logger: captureLog().logger, flushDelayMs: 5 });
    opened.flush();
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    opened.record(message('SMunwritten', 'x'));
    expect(await opened.close()).to.deep.equal({ unwritten: 1 });
    other.exec('COMMIT');
    other.close();
    opened.record(message('SMlate', 'y'));
    // Longer than the flush delay and the first retries: a timer left running would have written by now.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(openHandlesOn(path)).to.deep.equal([]);
    expect(logRowsFor(path, 'SMunwritten', 'SMlate')).to.deep.equal([]);
  });

  it('stops pruning in the middle when closed, and lets go of the file', async () => {
    await openMessageLog(path, { logger: captureLog().logger }).close();
    const old = new Date(NOW - 40 * DAY).toISOString();
    insertLogRows(path, Array.from({ length: 1200 }, (_, n) => ({ sid: `SMold${n}`, receivedAt: old, sender: 'whatsapp:+447700900001', body: 'old' })));
    const opened = openMessageLog(path, { logger: captureLog().logger, retentionDays: 30, now: () => NOW });
    // The first step of pruning runs on the next turn; close before the steps after it.
    await new Promise((resolve) => setImmediate(resolve));
    await opened.close();
    await nextTurns();
    expect(openHandlesOn(path)).to.deep.equal([]);
    expect(queryLog<{ n: number }>(path, 'SELECT count(*) AS n FROM messages')[0]!.n).to.be.above(0);
  });
  it('holds a message for flushDelayMs, so that the messages of a busy moment go in one write', async () => {
    log = openMessageLog(path, { logger: captureLog().logger, flushDelayMs: 60_000 });
    log.record(message('SMheld', 'x'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(log.queued).to.equal(1);
    expect(logRowsFor(path, 'SMheld')).to.deep.equal([]);
  });

  it('reports a failure other than a lock as an error, and writes the waiting messages once the file can be reached again', () => {
    path = `${dir.path}/logs/messages.sqlite`;
    const captured = captureLog();
    log = openMessageLog(path, { logger: captured.logger, flushDelayMs: 60_000 });
    // The log's folder replaced by a file: every look at the path fails with ENOTDIR.
    rmSync(`${dir.path}/logs`, { recursive: true });
    writeFileSync(`${dir.path}/logs`, 'not a folder');
    log.record(message('SMwaiting', 'x'));
    expect(log.flush()).to.equal(1);
    const failure = captured.lines().find((line) => line.msg === 'could not write to the message log; messages wait in memory and are retried');
    expect(failure).to.include({ level: 50, messageLog: path, queued: 1 });
    expect((failure!.err as { code: string }).code).to.equal('ENOTDIR');
    rmSync(`${dir.path}/logs`);
    expect(log.flush()).to.equal(0);
    expect(logRowsFor(path, 'SMwaiting')).to.have.length(1);
  });
});
