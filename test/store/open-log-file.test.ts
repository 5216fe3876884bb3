import Database from 'better-sqlite3';
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { reindex } from '../../src/index/reindex';
import { LOG_APPLICATION_ID, LOG_SCHEMA_VERSION } from '../../src/store/log-schema';
import { MessageLogError } from '../../src/store/message-log-error';
import { inodeOf, openLogFile } from '../../src/store/open-log-file';
import { BAKERY_CSV } from '../helpers/fixtures';
import { holdLock } from '../helpers/lock-file';
import { fileFingerprint, fileMode, LEGACY_LOG_SQL, logRowsFor, openHandlesOn, queryLog, writeLegacyLog } from '../helpers/message-log-file';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

const OPTIONS = { create: true, busyTimeoutMs: 10, maxBodyChars: 2000 };

/** The tables in an SQLite file, by name. */
const queryLogTables = (path: string): string[] =>
  queryLog<{ name: string }>(path, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map((row) => row.name);

describe('openLogFile', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => dir.cleanup());

  const refusal = (path: string, options = OPTIONS): MessageLogError => {
    try {
      openLogFile(path, options).db.close();
    } catch (error) {
      expect(error).to.be.instanceOf(MessageLogError);
      return error as MessageLogError;
    }
    throw new Error(`${path} was opened as a message log`);
  };

  it('refuses a directory, naming it and what to set', () => {
    mkdirSync(`${dir.path}/logs`);
    expect(refusal(`${dir.path}/logs`).message).to.equal(`Message log ${dir.path}/logs: is a directory, not a file. Set MESSAGE_LOG to a file of its own, such as data/messages.sqlite`);
  });

  it('refuses a text file and leaves it exactly as it was', () => {
    const path = dir.write('notes.txt', 'call the baker back\n'.repeat(300));
    const before = fileFingerprint(path);
    expect(refusal(path).message).to.include('is not an SQLite database (a text file?); it was not changed');
    expect(fileFingerprint(path)).to.equal(before);
  });

  it('refuses a faqbot index and leaves it exactly as it was (no WAL, no tables added)', () => {
    dir.write('corpus/faq.csv', BAKERY_CSV);
    const path = `${dir.path}/index.sqlite`;
    reindex(`${dir.path}/corpus`, path);
    const before = fileFingerprint(path);
    expect(refusal(path).message).to.include('is a faqbot index (FAQBOT_DB), not a message log; it was not changed');
    expect(fileFingerprint(path)).to.equal(before);
    expect(existsSync(`${path}-wal`)).to.equal(false);
  });

  it('refuses any other SQLite database, listing its tables, and leaves it as it was', () => {
    const path = `${dir.path}/crm.sqlite`;
    const other = new Database(path);
    other.exec("CREATE TABLE customers (name TEXT); INSERT INTO customers VALUES ('Ada')");
    other.close();
    const before = fileFingerprint(path);
    expect(refusal(path).message).to.include('is an SQLite database of something else (tables customers); it was not changed');
    expect(fileFingerprint(path)).to.equal(before);
  });

  it('refuses a database of another program even with no tables, when it carries another application id', () => {
    const path = `${dir.path}/app.sqlite`;
    const other = new Database(path);
    other.pragma('application_id = 42');
    other.close();
    expect(refusal(path).message).to.include('is an SQLite database of something else (no tables)');
  });

  it('refuses a path that is not a file, and a missing file when it may not create one', () => {
    expect(refusal(':memory:').message).to.include('is not a file path');
    expect(refusal(`${dir.path}/absent.sqlite`, { ...OPTIONS, create: false }).message).to.include('does not exist');
    expect(existsSync(`${dir.path}/absent.sqlite`)).to.equal(false);
  });

  it('makes an existing log and its WAL and shared-memory files readable by the owner only', () => {
    const path = `${dir.path}/messages.sqlite`;
    openLogFile(path, OPTIONS).db.close();
    for (const file of [path, `${path}-wal`, `${path}-shm`]) writeFileSync(file, '', { flag: 'a' });
    for (const file of [path, `${path}-wal`, `${path}-shm`]) chmodSync(file, 0o644);
    const { db } = openLogFile(path, OPTIONS);
    expect([fileMode(path), fileMode(`${path}-wal`), fileMode(`${path}-shm`)]).to.deep.equal([0o600, 0o600, 0o600]);
    db.close();
  });

  it('refuses an empty path and an SQLite URI, which are no file of their own', () => {
    for (const path of ['', '   ', 'file:messages.sqlite?mode=memory']) {
      expect(refusal(path).message, path).to.equal(`Message log ${path}: is not a file path; the log must outlive the process. Set MESSAGE_LOG to a file of its own, such as data/messages.sqlite`);
    }
    expect(existsSync('file:messages.sqlite?mode=memory')).to.equal(false);
  });

  it('refuses something at the path that is neither a file nor a directory, and says where to look when a log is missing', () => {
    // A FIFO of the test's own, never a device such as /dev/null: a mutant that skips the check would chmod it to 0600.
    const fifo = `${dir.path}/pipe`;
    execFileSync('mkfifo', [fifo]);
    expect(refusal(fifo).message).to.equal(`Message log ${fifo}: is not a regular file. Set MESSAGE_LOG to a file of its own, such as data/messages.sqlite`);
    expect(refusal(`${dir.path}/absent.sqlite`, { ...OPTIONS, create: false }).message).to.equal(
      `Message log ${dir.path}/absent.sqlite: does not exist. Check MESSAGE_LOG (or --log): it must name the file the server writes`,
    );
  });

  it('refuses a log of another layout version, saying which versions', () => {
    const path = `${dir.path}/future.sqlite`;
    openLogFile(path, OPTIONS).db.close();
    const db = new Database(path);
    db.pragma('user_version = 7');
    db.close();
    expect(refusal(path).message).to.equal(
      `Message log ${path}: has layout version 7, and this faqbot reads version ${LOG_SCHEMA_VERSION}. Run the faqbot version that wrote it, or move the file away to start a new log`,
    );
    expect(refusal(path).name).to.equal('MessageLogError');
  });

  it('refuses a log another process holds locked, saying to wait', async function () {
    this.timeout(20_000);
    const path = `${dir.path}/busy.sqlite`;
    // A database in rollback-journal mode (as a copied or faqbot 0.1 file is): an exclusive lock keeps even readers out.
    new Database(path).close();
    const lock = await holdLock(path, 'EXCLUSIVE');
    try {
      expect(refusal(path).message).to.equal(`Message log ${path}: is locked by another process. Wait for it (a backup, an open sqlite3 shell) to finish and try again`);
    } finally {
      await lock.release();
    }
  });

  it('refuses a damaged database, saying to move it away', () => {
    const path = `${dir.path}/damaged.sqlite`;
    openLogFile(path, OPTIONS).db.close();
    // Keep SQLite's header, garble the schema page behind it.
    const bytes = readFileSync(path);
    bytes.fill(0x5a, 100, 4096);
    writeFileSync(path, bytes);
    expect(refusal(path).message).to.equal(`Message log ${path}: is damaged. Move it away (keep it if you need its records) and start again: a new log is created`);
  });

  it('tells a faqbot 0.1 log apart from other databases with one messages table', () => {
    const path = `${dir.path}/lookalike.sqlite`;
    const db = new Database(path);
    db.exec('CREATE TABLE messages (id INTEGER PRIMARY KEY, text TEXT)');
    db.close();
    expect(refusal(path).message).to.include('is an SQLite database of something else (tables messages)');
    const two = `${dir.path}/two.sqlite`;
    const other = new Database(two);
    other.exec(LEGACY_LOG_SQL);
    other.exec('CREATE TABLE notes (text TEXT)');
    other.close();
    expect(refusal(two).message).to.include('is an SQLite database of something else (tables messages, notes)');
    const half = `${dir.path}/half-index.sqlite`;
    const meta = new Database(half);
    meta.exec('CREATE TABLE meta (key TEXT, value TEXT)');
    meta.close();
    expect(refusal(half).message).to.include('is an SQLite database of something else (tables meta)');
  });

  it('migrates a faqbot 0.1 log without leaving its old table behind', () => {
    const path = `${dir.path}/old.sqlite`;
    const db = new Database(path);
    db.exec(LEGACY_LOG_SQL);
    db.close();
    openLogFile(path, OPTIONS).db.close();
    const tables = new Database(path, { readonly: true });
    expect(tables.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all()).to.deep.equal([{ name: 'forgotten' }, { name: 'messages' }, { name: 'sender_state' }]);
    tables.close();
  });

  it('gives the device and inode of a file, null for none, and another value for a file put in its place', () => {
    const path = dir.write('a.sqlite', 'x');
    const first = inodeOf(path);
    expect(first).to.match(/^\d+:\d+$/);
    dir.write('b.sqlite', 'x');
    renameSync(`${dir.path}/b.sqlite`, path);
    expect(inodeOf(path)).to.not.equal(first);
    expect(inodeOf(`${dir.path}/none`)).to.equal(null);
  });
  it('opens a log while another process is writing to it, as a server starting during `faqbot forget` does', () => {
    const path = `${dir.path}/messages.sqlite`;
    openLogFile(path, OPTIONS).db.close();
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    try {
      const { db } = openLogFile(path, OPTIONS);
      expect(db.prepare('SELECT count(*) AS n FROM messages').get()).to.deep.equal({ n: 0 });
      db.close();
    } finally {
      other.exec('COMMIT');
      other.close();
    }
  });

  it('keeps no handle on a file it refused', () => {
    const path = `${dir.path}/crm.sqlite`;
    const other = new Database(path);
    other.exec('CREATE TABLE customers (name TEXT)');
    other.close();
    refusal(path);
    expect(openHandlesOn(path)).to.deep.equal([]);
  });

  it('refuses an index of an older faqbot too (its postings in a table of their own)', () => {
    const path = `${dir.path}/old-index.sqlite`;
    const db = new Database(path);
    db.exec('CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); CREATE TABLE postings (term TEXT, doc INTEGER)');
    db.close();
    const before = fileFingerprint(path);
    expect(refusal(path).message).to.include('is a faqbot index (FAQBOT_DB), not a message log; it was not changed');
    expect(fileFingerprint(path)).to.equal(before);
  });

  it('adds the conversation state table to a layout-2 log, keeping its messages', () => {
    const path = `${dir.path}/v2.sqlite`;
    const db = new Database(path);
    db.exec(`CREATE TABLE messages (id INTEGER PRIMARY KEY, message_sid TEXT UNIQUE, received_at TEXT NOT NULL, sender TEXT NOT NULL, body TEXT,
               reply TEXT NOT NULL, answer_id TEXT, score REAL NOT NULL, fallback TEXT);
             CREATE TABLE forgotten (sender_hash TEXT PRIMARY KEY, forgotten_at TEXT NOT NULL) WITHOUT ROWID;
             INSERT INTO messages (message_sid, received_at, sender, body, reply, answer_id, score, fallback)
               VALUES ('SM1', '2026-11-27T08:00:00.000Z', 'whatsapp:+447700900123', 'hi', '["hello"]', NULL, 0, 'greeting');
             PRAGMA application_id = ${LOG_APPLICATION_ID}; PRAGMA user_version = 2;`);
    db.close();
    openLogFile(path, OPTIONS).db.close();
    const after = new Database(path, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).to.equal(LOG_SCHEMA_VERSION);
    expect(after.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all()).to.deep.equal([{ name: 'forgotten' }, { name: 'messages' }, { name: 'sender_state' }]);
    expect(after.prepare('SELECT message_sid, body FROM messages').all()).to.deep.equal([{ message_sid: 'SM1', body: 'hi' }]);
    after.close();
  });

  it('opens a log through a symbolic link to it, as an operator may keep the file elsewhere', () => {
    const target = `${dir.path}/elsewhere.sqlite`;
    openLogFile(target, OPTIONS).db.close();
    symlinkSync(target, `${dir.path}/messages.sqlite`);
    const opened = openLogFile(`${dir.path}/messages.sqlite`, { ...OPTIONS, create: false });
    expect(opened.identity).to.equal(inodeOf(target));
    opened.db.close();
  });

  it('refuses a symbolic link to a file that does not exist, rather than create a file where it points', () => {
    const path = `${dir.path}/messages.sqlite`;
    symlinkSync(`${dir.path}/elsewhere.sqlite`, path);
    expect(refusal(path).message).to.equal(
      `Message log ${path}: is a symbolic link to ${dir.path}/elsewhere.sqlite, which does not exist. Create the file it points to, or set MESSAGE_LOG to the file itself`,
    );
    expect(existsSync(`${dir.path}/elsewhere.sqlite`)).to.equal(false);
    // Nor with create: false (faqbot forget), which would otherwise say only that the log does not exist.
    expect(refusal(path, { ...OPTIONS, create: false }).message).to.include('is a symbolic link to');
  });

  it('migrates a faqbot 0.1 log: the texts of every kind of unanswered message go, the others are cut', () => {
    const path = `${dir.path}/old.sqlite`;
    writeLegacyLog(path, [
      { sid: 'SMlimited', receivedAt: '2026-11-01T00:00:00.000Z', sender: 'whatsapp:+447700900001', body: 'flood', fallback: 'rateLimited' },
      { sid: 'SMsilenced', receivedAt: '2026-11-01T00:00:01.000Z', sender: 'whatsapp:+447700900001', body: 'stop', fallback: 'silenced' },
      { sid: 'SMerror', receivedAt: '2026-11-01T00:00:02.000Z', sender: 'whatsapp:+447700900001', body: 'boom', fallback: 'error' },
      { sid: 'SMhello', receivedAt: '2026-11-01T00:00:03.000Z', sender: 'whatsapp:+447700900001', body: 'hello there', fallback: 'greeting' },
      { sid: 'SMasked', receivedAt: '2026-11-01T00:00:04.000Z', sender: 'whatsapp:+447700900001', body: 'when do you open', fallback: null },
    ]);
    openLogFile(path, { ...OPTIONS, maxBodyChars: 5 }).db.close();
    expect(logRowsFor(path, 'SMlimited', 'SMsilenced', 'SMerror', 'SMhello', 'SMasked').map((row) => row.body)).to.deep.equal([null, null, null, 'hello', 'when ']);
  });
  it('lists only the tables of another database, not its indexes, and never takes a lookalike of another program for a faqbot 0.1 log', () => {
    const indexed = `${dir.path}/indexed.sqlite`;
    const one = new Database(indexed);
    one.exec('CREATE TABLE customers (name TEXT); CREATE INDEX customers_name ON customers (name)');
    one.close();
    expect(refusal(indexed).message).to.include('is an SQLite database of something else (tables customers);');
    const marked = `${dir.path}/marked.sqlite`;
    const other = new Database(marked);
    other.exec(LEGACY_LOG_SQL);
    other.pragma('application_id = 42');
    other.close();
    const before = fileFingerprint(marked);
    expect(refusal(marked).message).to.include('is an SQLite database of something else (tables messages)');
    expect(fileFingerprint(marked)).to.equal(before);
  });

  it('refuses to migrate a faqbot 0.1 log while another process writes to it, saying to wait, and leaves it as it was', () => {
    const path = `${dir.path}/old.sqlite`;
    writeLegacyLog(path, [{ sid: 'SMold', receivedAt: '2026-11-01T00:00:00.000Z', sender: 'whatsapp:+447700900001', body: 'hello' }]);
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    try {
      expect(refusal(path).message).to.equal(`Message log ${path}: is locked by another process. Wait for it (a backup, an open sqlite3 shell) to finish and try again`);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(queryLogTables(path)).to.deep.equal(['messages']);
  });
});

