import Database from 'better-sqlite3';
import { expect } from 'chai';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { reindex } from '../../src/index/reindex';
import { MessageLogError } from '../../src/store/message-log-error';
import { openLogFile } from '../../src/store/open-log-file';
import { BAKERY_CSV } from '../helpers/fixtures';
import { fileFingerprint, fileMode } from '../helpers/message-log-file';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

const OPTIONS = { create: true, busyTimeoutMs: 10, maxBodyChars: 2000 };

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
});
