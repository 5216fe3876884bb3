import Database from 'better-sqlite3';
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureIndex, isIndexStale } from '../../src/index/ensure-index';
import { CorpusError } from '../../src/corpus/corpus-error';
import { IndexError } from '../../src/index/index-error';
import { loadIndex } from '../../src/index/load-index';
import { reindex } from '../../src/index/reindex';
import { SCHEMA_VERSION } from '../../src/index/schema';
import { DEFAULT_CALIBRATION_OPTIONS } from '../../src/index/options';
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
    const index = ensureIndex(db, corpus, { onBuild: (meta) => built.push(meta.answers) });
    expect(built).to.deep.equal([5]);
    expect(index.answers).to.have.length(5);
  });

  it('loads a fresh index without rebuilding it', () => {
    reindex(corpus, db);
    let rebuilt = false;
    ensureIndex(db, corpus, { onBuild: () => (rebuilt = true) });
    expect(rebuilt).to.equal(false);
  });

  it('rebuilds an index built for another language', () => {
    reindex(corpus, db);
    const index = ensureIndex(db, corpus, { index: { text: { language: 'es' } } });
    expect(index.meta.options.text.language).to.equal('es');
    let rebuilt = false;
    ensureIndex(db, corpus, { index: { text: { language: 'es' } }, onBuild: () => (rebuilt = true) });
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

  /** Changes an index file in place with SQL, then makes it newer than the corpus so only its contents can cause a rebuild. */
  const alter = (sql: string): void => {
    const sqlite = new Database(db);
    sqlite.exec(sql);
    sqlite.close();
    const future = new Date(Date.now() + 60_000);
    utimesSync(db, future, future);
  };

  it('rebuilds a damaged index (a table missing)', () => {
    reindex(corpus, db);
    alter('DROP TABLE vectors');
    let rebuilt = false;
    const index = ensureIndex(db, corpus, { onBuild: () => (rebuilt = true) });
    expect(rebuilt).to.equal(true);
    expect(index.postings.size).to.be.greaterThan(0);
  });

  it('rebuilds an index of an older schema version', () => {
    reindex(corpus, db);
    alter(`UPDATE meta SET value = '0' WHERE key = 'schemaVersion'`);
    let rebuilt = false;
    const index = ensureIndex(db, corpus, { onBuild: () => (rebuilt = true) });
    expect(rebuilt).to.equal(true);
    expect(index.meta.schemaVersion).to.equal(SCHEMA_VERSION);
  });

  it('rebuilds an index of schema version 3, which kept one row per posting, and then scores from the packed postings', () => {
    reindex(corpus, db);
    const packed = loadIndex(db);
    // The version-3 layout: terms without postings, and a postings table of (term, vector, weight) rows.
    alter(`
      CREATE TABLE old_terms (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE, df INTEGER NOT NULL, idf REAL NOT NULL);
      INSERT INTO old_terms SELECT id, term, df, idf FROM terms;
      DROP TABLE terms;
      ALTER TABLE old_terms RENAME TO terms;
      CREATE TABLE postings (term_id INTEGER NOT NULL, vector_id INTEGER NOT NULL, weight REAL NOT NULL, PRIMARY KEY (term_id, vector_id)) WITHOUT ROWID;
      UPDATE meta SET value = '3' WHERE key = 'schemaVersion';
    `);
    expect(() => loadIndex(db)).to.throw(IndexError, /has schema version 3, this faqbot reads version/);
    const built: number[] = [];
    const index = ensureIndex(db, corpus, { onBuild: (meta) => built.push(meta.schemaVersion) });
    expect(built).to.deep.equal([SCHEMA_VERSION]);
    expect(index.postings.get('w:open')).to.deep.equal(packed.postings.get('w:open'));
  });

  it('with createMissing false, says the index is missing and creates nothing, not even its folder', () => {
    const missing = join(dir.path, 'typo', 'index.sqlite');
    const before = readdirSync(dir.path);
    expect(() => ensureIndex(missing, corpus, { createMissing: false }))
      .to.throw(IndexError)
      .with.property('message', `Index ${missing}: the file does not exist, and only serve and reindex create an index. Run "npx faqbot reindex --db ${missing}" to build it, or check the path.`);
    expect(readdirSync(dir.path)).to.deep.equal(before);
  });

  it('leaves a file that is not an index as it is, rather than rebuilding over it', () => {
    writeFileSync(db, 'id,question,answer\nx,y,z\n');
    expect(() => ensureIndex(db, corpus)).to.throw(IndexError, /is not a faqbot index \(it is not an SQLite database\), so it was left as it is/);
    expect(readFileSync(db, 'utf8')).to.equal('id,question,answer\nx,y,z\n');
    expect(existsSync(`${db}-journal`)).to.equal(false);
  });

  it('rebuilds an index of an older schema, whose options lack the calibration this version applies', () => {
    reindex(corpus, db);
    const sqlite = new Database(db);
    sqlite.prepare("UPDATE meta SET value = '1' WHERE key = 'schemaVersion'").run();
    sqlite.close();
    const built: number[] = [];
    const index = ensureIndex(db, corpus, { onBuild: (meta) => built.push(meta.schemaVersion) });
    expect(built).to.deep.equal([SCHEMA_VERSION]);
    expect(index.meta.options.calibration.unknownWeights).to.deep.equal(DEFAULT_CALIBRATION_OPTIONS.unknownWeights);
  });

  /** A corpus edit with a typo (a row with no question) made after the index was built. */
  const breakCorpus = (): void => {
    const past = new Date(Date.now() - 60_000);
    utimesSync(db, past, past);
    writeFileSync(join(corpus, 'faq.csv'), `${BAKERY_CSV.replace('3 Mill Lane', '9 Mill Lane')}parking,,"Park behind the shop.",Visit\n`);
  };

  it('with onCorpusError, answers from the last good index when the corpus has errors, and says what they are', () => {
    reindex(corpus, db);
    breakCorpus();
    const told: { problems: number; builtAt: string }[] = [];
    const index = ensureIndex(db, corpus, { onCorpusError: (error, lastGood) => told.push({ problems: error.problems.length, builtAt: lastGood.builtAt }) });
    expect(told).to.deep.equal([{ problems: 1, builtAt: index.meta.builtAt }]);
    expect(index.answers.find((answer) => answer.id === 'location')?.answer).to.contain('3 Mill Lane');
    expect(isIndexStale(db, corpus)).to.equal(true);
  });

  it('without onCorpusError, or with no index to fall back on, throws the corpus errors', () => {
    reindex(corpus, db);
    breakCorpus();
    expect(() => ensureIndex(db, corpus)).to.throw(CorpusError, /faq\.csv:18: /);
    const none = join(dir.path, 'none.sqlite');
    expect(() => ensureIndex(none, corpus, { onCorpusError: () => expect.fail('there is no index to fall back on') })).to.throw(CorpusError);
    expect(existsSync(none)).to.equal(false);
  });

  it('counts an edit of replies.json as a corpus change: the index is stale, and the rebuilt one has the new text', () => {
    dir.write('corpus/replies.json', JSON.stringify({ greeting: 'Hello from the bakery!' }));
    const past = new Date(Date.now() - 60_000);
    for (const file of ['faq.csv', 'replies.json']) utimesSync(join(corpus, file), past, past);
    reindex(corpus, db);
    expect(isIndexStale(db, corpus)).to.equal(false);
    dir.write('corpus/replies.json', JSON.stringify({ greeting: 'Good day from the bakery!' }));
    // File times come from a coarse kernel clock: an edit in the same tick as the build would carry the index's own time.
    const later = new Date(Date.now() + 2_000);
    utimesSync(join(corpus, 'replies.json'), later, later);
    expect(isIndexStale(db, corpus)).to.equal(true);
    expect(ensureIndex(db, corpus).replies.greeting).to.equal('Good day from the bakery!');
  });
});
