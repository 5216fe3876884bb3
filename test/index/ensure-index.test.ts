import Database from 'better-sqlite3';
import { expect } from 'chai';
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureIndex, isIndexStale } from '../../src/index/ensure-index';
import { reindex } from '../../src/index/reindex';
import { SCHEMA_VERSION } from '../../src/index/schema';
import { BAKERY_CSV } from '../helpers/fixtures';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

describe('ensureIndex', () => {
  let dir: TempDir;
  let corpus: string;
  let db: string;
  beforeEach(() => {
    dir = makeTempDir();
    corpus = join(dir.path, 'corpus');
    dir.write('corpus/faq.csv', BAKERY_CSV);
    db = join(dir.path, 'index.sqlite');
  });
  afterEach(() => {
    dir.cleanup();
  });

  it('builds a missing index', () => {
    const built: number[] = [];
    const index = ensureIndex(db, corpus, {}, (meta) => built.push(meta.answers));
    expect(built).to.deep.equal([5]);
    expect(index.answers).to.have.length(5);
  });

  it('loads a fresh index without rebuilding it', () => {
    reindex(corpus, db);
    let rebuilt = false;
    ensureIndex(db, corpus, {}, () => (rebuilt = true));
    expect(rebuilt).to.equal(false);
  });

  it('rebuilds an index built for another language', () => {
    reindex(corpus, db);
    const index = ensureIndex(db, corpus, { text: { language: 'es' } });
    expect(index.meta.options.text.language).to.equal('es');
    let rebuilt = false;
    ensureIndex(db, corpus, { text: { language: 'es' } }, () => (rebuilt = true));
    expect(rebuilt).to.equal(false);
  });

  it('rebuilds an index older than its corpus', () => {
    reindex(corpus, db);
    const past = new Date(Date.now() - 60_000);
    utimesSync(db, past, past);
    writeFileSync(join(corpus, 'faq.csv'), BAKERY_CSV.replace('3 Mill Lane', '9 Mill Lane'));
    expect(isIndexStale(db, corpus)).to.equal(true);
    const index = ensureIndex(db, corpus);
    expect(index.answers[1]?.answer).to.contain('9 Mill Lane');
    expect(isIndexStale(db, corpus)).to.equal(false);
  });

  it('rebuilds an index of an older schema, whose options lack the calibration this version applies', () => {
    reindex(corpus, db);
    const sqlite = new Database(db);
    sqlite.prepare("UPDATE meta SET value = '1' WHERE key = 'schemaVersion'").run();
    sqlite.close();
    const built: number[] = [];
    const index = ensureIndex(db, corpus, {}, (meta) => built.push(meta.schemaVersion));
    expect(built).to.deep.equal([SCHEMA_VERSION]);
    expect(index.meta.options.calibration.unknownWeights).to.deep.equal({ name: 0, word: 1.5, other: 1 });
  });
});
