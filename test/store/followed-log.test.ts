import Database from 'better-sqlite3';
import { expect } from 'chai';
import { copyFileSync, existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { openMessageLog, type LoggedMessage, type MessageLog } from '../../src/store/message-log';
import { MessageLogError } from '../../src/store/message-log-error';
import { openLogFile } from '../../src/store/open-log-file';
import { forgetSender } from '../../src/store/forget-sender';
import { followLogFile, type FollowedLogFile } from '../../src/store/followed-log-file';
import { waitUntil } from '../helpers/cli-process';
import { holdLock, type HeldLock } from '../helpers/lock-file';
import { captureLog, type CapturedLog } from '../helpers/log-capture';
import { logRowsFor, openHandlesOn, queryLog } from '../helpers/message-log-file';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

const message = (sid: string, sender = 'whatsapp:+447700900123'): LoggedMessage => ({
  messageSid: sid,
  sender,
  body: 'when do you open',
  messages: ['We are open 7am to 6pm.'],
  answerId: 'opening-hours',
  score: 0.8,
  fallback: null,
});

const LOCKED = 'the message log is locked by another process; messages wait in memory and are written when it is free';
const FREE_AGAIN = 'the message log can be written again; the waiting messages are being written';

describe('the message log while other processes and operators use its file (in this process)', function () {
  this.timeout(30_000);
  let dir: TempDir;
  let path: string;
  let captured: CapturedLog;
  let log: MessageLog | undefined;
  let lock: HeldLock | undefined;
  beforeEach(() => {
    dir = makeTempDir();
    path = `${dir.path}/messages.sqlite`;
    captured = captureLog();
  });
  afterEach(async () => {
    await lock?.release();
    lock = undefined;
    await log?.close();
    log = undefined;
    dir.cleanup();
  });
  const open = (options: Partial<Parameters<typeof openMessageLog>[1]> = {}): MessageLog => {
    log = openMessageLog(path, { logger: captured.logger, flushDelayMs: 60_000, ...options });
    return log;
  };
  const messages = (): (string | undefined)[] => captured.lines().map((line) => line.msg as string | undefined);

  it('keeps messages in memory while another process holds the write lock, says so once, and writes them when it goes', async () => {
    const messageLog = open();
    messageLog.flush();
    lock = await holdLock(path, 'IMMEDIATE');
    messageLog.record(message('SMlocked1'));
    messageLog.record(message('SMlocked2'));
    for (let attempt = 0; attempt < 3; attempt++) expect(messageLog.flush()).to.equal(2);
    // Still answerable from memory while the file cannot take them.
    expect(messageLog.find('SMlocked2')?.answerId).to.equal('opening-hours');
    expect(messages().filter((msg) => msg === LOCKED)).to.have.length(1);
    expect(captured.lines().find((line) => line.msg === LOCKED)).to.include({ level: 40, messageLog: path, queued: 2 });

    await lock.release();
    lock = undefined;
    expect(messageLog.flush()).to.equal(0);
    expect(logRowsFor(path, 'SMlocked1', 'SMlocked2')).to.have.length(2);
    const freeAgain = captured.lines().filter((line) => line.msg === FREE_AGAIN);
    expect(freeAgain).to.have.length(1);
    expect(freeAgain[0]).to.include({ level: 30, queued: 0 });
    expect(freeAgain[0]!.afterMs).to.be.a('number').within(0, 30_000);
    // Writing on as usual says nothing more.
    messageLog.record(message('SMlater'));
    messageLog.flush();
    expect(captured.lines().filter((line) => line.msg === FREE_AGAIN)).to.have.length(1);
  });

  it('on close, waits for a lock that goes within the timeout and writes everything', async () => {
    const messageLog = open();
    messageLog.flush();
    lock = await holdLock(path, 'EXCLUSIVE');
    messageLog.record(message('SMwaited'));
    const held = lock;
    setTimeout(() => void held.release(), 300);
    expect(await messageLog.close(5000)).to.deep.equal({ unwritten: 0 });
    lock = undefined;
    expect(logRowsFor(path, 'SMwaited')).to.have.length(1);
  });

  it('retries a locked file by itself, backing off, and writes once the lock goes', async () => {
    const messageLog = open({ flushDelayMs: 5 });
    messageLog.flush();
    lock = await holdLock(path, 'EXCLUSIVE');
    messageLog.record(message('SMretry'));
    await waitUntil(() => messages().includes(LOCKED), 5000, 'the locked line');
    await lock.release();
    lock = undefined;
    await waitUntil(() => messageLog.queued === 0, 5000, 'the retry to write the message');
    expect(logRowsFor(path, 'SMretry')).to.have.length(1);
  });

  it('on close, gives up on a file locked past the timeout and names the messages lost', async () => {
    const messageLog = open();
    messageLog.flush();
    lock = await holdLock(path, 'EXCLUSIVE');
    messageLog.record(message('SMlost'));
    expect(await messageLog.close(200)).to.deep.equal({ unwritten: 1 });
    const line = captured.lines().find((entry) => entry.msg === 'shutting down with messages the message log could not take; they are lost');
    expect(line).to.include({ level: 50, unwritten: 1 });
    expect(line?.messageSids).to.deep.equal(['SMlost']);
    expect(await messageLog.close()).to.deep.equal({ unwritten: 1 });
  });

  it('opens a new file when the log is deleted while serving, and says so', () => {
    const messageLog = open();
    messageLog.record(message('SMbefore'));
    messageLog.flush();
    rmSync(path);
    messageLog.record(message('SMafter'));
    messageLog.flush();
    expect(logRowsFor(path, 'SMbefore', 'SMafter').map((row) => row.message_sid)).to.deep.equal(['SMafter']);
    expect(captured.lines().find((line) => line.file === 'moved')).to.include({
      level: 40,
      msg: `the message log file is no longer at ${path} (deleted or renamed away); messages from now on go to a new file there`,
    });
    expect(existsSync(`${path}-wal`)).to.equal(true);
  });

  it('leaves a rotated file with everything written to it, and starts a new one at the path', () => {
    const messageLog = open();
    messageLog.record(message('SMold'));
    messageLog.flush();
    renameSync(path, `${path}.1`);
    messageLog.record(message('SMnew'));
    messageLog.flush();
    // The old file's WAL was emptied into it through the open handle before it was let go: it holds its message alone.
    expect(existsSync(`${path}.1-wal`)).to.equal(false);
    expect(queryLog(`${path}.1`, 'SELECT message_sid FROM messages')).to.deep.equal([{ message_sid: 'SMold' }]);
    expect(logRowsFor(path, 'SMold', 'SMnew').map((row) => row.message_sid)).to.deep.equal(['SMnew']);
  });

  it('writes to the file that replaced the log at its path, and says it was replaced', () => {
    const messageLog = open();
    messageLog.record(message('SMfirst'));
    messageLog.flush();
    openLogFile(`${dir.path}/fresh.sqlite`, { create: true, busyTimeoutMs: 10, maxBodyChars: 2000 }).db.close();
    renameSync(`${dir.path}/fresh.sqlite`, path);
    messageLog.record(message('SMsecond'));
    messageLog.flush();
    expect(logRowsFor(path, 'SMfirst', 'SMsecond').map((row) => row.message_sid)).to.deep.equal(['SMsecond']);
    expect(captured.lines().find((line) => line.file === 'replaced')?.msg).to.equal(
      `the message log file at ${path} was replaced by another file while serving; messages from now on go to that file`,
    );
  });

  it('reports a file that cannot be opened as a log once, and keeps the messages for when it can', () => {
    const messageLog = open();
    messageLog.flush();
    rmSync(path);
    writeFileSync(path, 'not a database');
    messageLog.record(message('SMwaiting'));
    expect(messageLog.flush()).to.equal(1);
    expect(messageLog.flush()).to.equal(1);
    const errors = captured.lines().filter((line) => line.msg === 'could not write to the message log; messages wait in memory and are retried');
    expect(errors).to.have.length(1);
    expect((errors[0]!.err as { message: string }).message).to.include('is not an SQLite database');
    rmSync(path);
    expect(messageLog.flush()).to.equal(0);
    expect(logRowsFor(path, 'SMwaiting')).to.have.length(1);
  });
  it('sets aside, under a name of its own, a write-ahead log a reader kept from being emptied into the rotated file', () => {
    const at = Date.now();
    const messageLog = open({ now: () => at });
    messageLog.record(message('SMold1'));
    messageLog.flush();
    // A backup still reading the file as it was: the old file's last write cannot be copied into it while it reads.
    const reader = new Database(path, { readonly: true });
    try {
      reader.exec('BEGIN');
      reader.prepare('SELECT count(*) FROM messages').get();
      messageLog.record(message('SMold2'));
      messageLog.flush();
      renameSync(path, `${path}.1`);
      messageLog.record(message('SMnew'));
      messageLog.flush();
      const kept = `${path}-wal.orphaned-${at}`;
      expect(captured.lines().find((line) => line.kept !== undefined)).to.include({
        level: 50,
        messageLog: path,
        kept,
        msg: 'the write-ahead log of the old message log could not be emptied into it; it was set aside',
      });
      // Nothing of the old file was replayed into the new one, and put back beside the rotated file the set-aside log restores all of it.
      expect(logRowsFor(path, 'SMold1', 'SMold2', 'SMnew').map((row) => row.message_sid)).to.deep.equal(['SMnew']);
      copyFileSync(`${path}.1`, `${dir.path}/restored.sqlite`);
      copyFileSync(kept, `${dir.path}/restored.sqlite-wal`);
      const restored = new Database(`${dir.path}/restored.sqlite`);
      expect(restored.prepare('SELECT message_sid FROM messages ORDER BY id').all()).to.deep.equal([{ message_sid: 'SMold1' }, { message_sid: 'SMold2' }]);
      restored.close();
    } finally {
      reader.close();
    }
  });
  it('never replays the write-ahead log of a replaced file into the file that replaced it', () => {
    const at = Date.now();
    const messageLog = open({ now: () => at });
    messageLog.record(message('SMold1'));
    messageLog.flush();
    const reader = new Database(path, { readonly: true });
    try {
      reader.exec('BEGIN');
      reader.prepare('SELECT count(*) FROM messages').get();
      messageLog.record(message('SMold2'));
      messageLog.flush();
      openLogFile(`${dir.path}/fresh.sqlite`, { create: true, busyTimeoutMs: 10, maxBodyChars: 2000 }).db.close();
      renameSync(`${dir.path}/fresh.sqlite`, path);
      messageLog.record(message('SMnew'));
      messageLog.flush();
      expect(logRowsFor(path, 'SMold1', 'SMold2', 'SMnew').map((row) => row.message_sid)).to.deep.equal(['SMnew']);
      expect(captured.lines().find((line) => line.kept !== undefined)).to.include({ level: 50, kept: `${path}-wal.orphaned-${at}` });
      expect(captured.lines().find((line) => line.file !== undefined)).to.include({ file: 'replaced' });
    } finally {
      reader.close();
    }
  });
});

describe('forgetSender while another process holds the log', () => {
  it('says the file is locked and deletes nothing', async function () {
    this.timeout(30_000);
    const dir = makeTempDir();
    const path = `${dir.path}/messages.sqlite`;
    const messageLog = openMessageLog(path, { logger: captureLog().logger });
    messageLog.record(message('SMkeep', 'whatsapp:+447700900555'));
    await messageLog.close(1000);
    const lock = await holdLock(path, 'EXCLUSIVE');
    try {
      expect(() => forgetSender(path, '+447700900555', { maxBodyChars: 2000 })).to.throw(
        MessageLogError,
        `Message log ${path}: is locked by another process for more than 5 s; nothing was deleted. Try again when it is free (a backup, an open sqlite3 shell)`,
      );
    } finally {
      await lock.release();
      dir.cleanup();
    }
  });
});

describe('followLogFile', () => {
  let dir: TempDir;
  let path: string;
  beforeEach(() => {
    dir = makeTempDir();
    path = `${dir.path}/messages.sqlite`;
  });
  afterEach(() => dir.cleanup());
  const follow = (captured = captureLog()): FollowedLogFile => followLogFile(path, { busyTimeoutMs: 10, maxBodyChars: 2000, logger: captured.logger, now: Date.now });

  it('opens the file again after close, whichever way it is asked for, and may be closed twice', () => {
    const file = follow();
    file.close();
    file.close();
    expect(openHandlesOn(path)).to.deep.equal([]);
    expect(file.database().prepare('SELECT count(*) AS n FROM messages').get()).to.deep.equal({ n: 0 });
    file.close();
    expect(file.current().find('SMnone')).to.equal(null);
    file.close();
    expect(file.open().find('SMnone')).to.equal(null);
    file.close();
    expect(openHandlesOn(path)).to.deep.equal([]);
  });
});
