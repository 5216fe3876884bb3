import Database from 'better-sqlite3';
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IndexError } from '../../src/index/index-error';
import { INDEX_APPLICATION_ID, inspectIndexFile } from '../../src/index/index-file';
import { SCHEMA_VERSION } from '../../src/index/schema';
import { loadIndex } from '../../src/index/load-index';
import { reindex } from '../../src/index/reindex';
import { removeAbandonedTemporaries } from '../../src/index/write-index';
import { openMessageLog } from '../../src/store/message-log';
import { captureLog } from '../helpers/log-capture';
import { BAKERY_CSV } from '../helpers/fixtures';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

describe('writeIndex (through reindex)', () => {
  let dir: TempDir;
  let corpus: string;
  beforeEach(() => {
    dir = makeTempDir();
    dir.write('corpus/faq.csv', BAKERY_CSV);
    corpus = join(dir.path, 'corpus');
  });
  afterEach(() => {
    dir.cleanup();
  });

  /** Reindexes onto `path` and expects a refusal that names it, with the file and its folder exactly as they were. */
  const expectRefused = (path: string, why: RegExp): void => {
    const before = readFileSync(path);
    const listing = readdirSync(dir.path).sort();
    expect(() => reindex(corpus, path)).to.throw(IndexError, why).with.property('path', path);
    expect(readFileSync(path).equals(before)).to.equal(true);
    expect(readdirSync(dir.path).sort()).to.deep.equal(listing);
  };

  it('marks the index with faqbot\'s SQLite application id', () => {
    const db = join(dir.path, 'index.sqlite');
    reindex(corpus, db);
    const sqlite = new Database(db, { readonly: true });
    expect(sqlite.pragma('application_id', { simple: true })).to.equal(INDEX_APPLICATION_ID);
    sqlite.close();
  });

  it('refuses to replace a CSV file, naming the file and why', () => {
    const csv = dir.write('shop.csv', BAKERY_CSV);
    expectRefused(csv, /^Index .*shop\.csv: is not a faqbot index \(it is not an SQLite database\), so it was left as it is\. Point --db or FAQBOT_DB at an index file/);
  });

  it('refuses to replace the message log (an SQLite file in WAL mode), and opens nothing beside it', async () => {
    const logPath = join(dir.path, 'messages.sqlite');
    const log = openMessageLog(logPath, { logger: captureLog().logger });
    log.record({ messageSid: 'SMec8e12b0a5eb4fc68e173f1c5db95b2a', sender: 'whatsapp:+447700900123', body: 'hi', messages: ['hello'], answerId: null, score: 0, fallback: 'greeting' });
    await log.close();
    expectRefused(logPath, /is not a faqbot index \(it is an SQLite database in WAL mode, such as the message log\)/);
  });

  it('refuses to replace another application\'s SQLite database or a folder', () => {
    const other = join(dir.path, 'app.sqlite');
    const sqlite = new Database(other);
    sqlite.exec('CREATE TABLE customers (name TEXT); INSERT INTO customers VALUES (\'Ada\')');
    sqlite.close();
    expectRefused(other, /without the meta table of an index/);
    mkdirSync(join(dir.path, 'folder.sqlite'));
    expect(() => reindex(corpus, join(dir.path, 'folder.sqlite'))).to.throw(IndexError, /it is a folder/);
  });

  it('replaces an index of any schema version, an index written before application ids, and an empty file', () => {
    const db = join(dir.path, 'index.sqlite');
    reindex(corpus, db);
    const sqlite = new Database(db);
    sqlite.exec(`UPDATE meta SET value = '99' WHERE key = 'schemaVersion'; PRAGMA application_id = 0;`);
    sqlite.close();
    expect(inspectIndexFile(db)).to.deep.equal({ kind: 'index' });
    reindex(corpus, db);
    expect(loadIndex(db).meta.schemaVersion).to.equal(SCHEMA_VERSION);
    const empty = dir.write('empty.sqlite', '');
    reindex(corpus, empty);
    expect(loadIndex(empty).answers).to.have.length(5);
  });
});

describe('removeAbandonedTemporaries and journals', () => {
  it('deletes the journal a killed build of an older faqbot left beside its temporary file', () => {
    const dir = makeTempDir();
    try {
      dir.write('corpus/faq.csv', BAKERY_CSV);
      const dead = spawnSync(process.execPath, ['-e', '']).pid!;
      dir.write(`out/.index.sqlite.${dead}.tmp`, 'half an index');
      dir.write(`out/.index.sqlite.${dead}.tmp-journal`, 'its rollback journal');
      dir.write(`out/.index.sqlite.${process.ppid}.tmp-journal`, 'a running build');
      expect(removeAbandonedTemporaries(join(dir.path, 'out', 'index.sqlite')).sort()).to.deep.equal([`.index.sqlite.${dead}.tmp`, `.index.sqlite.${dead}.tmp-journal`]);
      writeFileSync(join(dir.path, 'out', `.index.sqlite.${dead}.tmp-journal`), 'again');
      reindex(join(dir.path, 'corpus'), join(dir.path, 'out', 'index.sqlite'));
      expect(readdirSync(join(dir.path, 'out')).sort()).to.deep.equal([`.index.sqlite.${process.ppid}.tmp-journal`, 'index.sqlite']);
    } finally {
      dir.cleanup();
    }
  });
});
