import { expect } from 'chai';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CorpusError } from '../../src/corpus/corpus-error';
import { IndexError } from '../../src/index/index-error';
import { loadIndex } from '../../src/index/load-index';
import { reindex } from '../../src/index/reindex';
import { SCHEMA_VERSION } from '../../src/index/schema';
import { removeAbandonedTemporaries } from '../../src/index/write-index';
import { BAKERY_CSV } from '../helpers/fixtures';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

describe('reindex and loadIndex', () => {
  let dir: TempDir;
  let corpus: string;
  let db: string;
  beforeEach(() => {
    dir = makeTempDir();
    dir.write('corpus/faq.csv', BAKERY_CSV);
    corpus = join(dir.path, 'corpus');
    db = join(dir.path, 'out', 'index.sqlite');
  });
  afterEach(() => {
    dir.cleanup();
  });

  it('builds an index whose metadata describes the corpus and the options', () => {
    const meta = reindex(corpus, db);
    expect(meta).to.include({ schemaVersion: SCHEMA_VERSION, answers: 5, questions: 16 });
    expect(meta.terms).to.be.greaterThan(30);
    expect(meta.postings).to.be.greaterThan(meta.questions);
    expect(meta.options.text.language).to.equal('en');
    expect(meta.corpusHash).to.match(/^[0-9a-f]{64}$/);
  });

  it('round-trips: what loadIndex reads is what reindex wrote', () => {
    const written = reindex(corpus, db);
    const index = loadIndex(db);
    expect(index.meta).to.deep.equal(written);
    expect(index.answers.map((a) => a.id)).to.deep.equal(['opening-hours', 'location', 'gluten-free', 'cake-order', 'delivery']);
    expect(index.answers[0]?.questions).to.deep.equal(['what are your opening hours', 'when do you open', 'what time do you close', 'are you open on sundays']);
    expect([...index.vectorAnswer]).to.deep.equal([0, 1, 2, 3, 4]);
    let postings = 0;
    for (const list of index.postings.values()) postings += list.vectors.length;
    expect(postings).to.equal(written.postings);
  });

  it('stores one learned vector per answer, and one for out-of-scope examples when the corpus has some', () => {
    writeFileSync(join(corpus, 'faq.csv'), `${BAKERY_CSV}out-of-scope,tell me a joke,,\nout-of-scope,what is the weather tomorrow,,\n`);
    const meta = reindex(corpus, db);
    expect(meta).to.include({ answers: 5, questions: 16, outOfScope: 2 });
    const sqlite = new Database(db, { readonly: true });
    const vectors = sqlite.prepare('SELECT id, answer_id FROM vectors ORDER BY id').all();
    const weighted = sqlite.prepare('SELECT count(DISTINCT vector_id) AS n FROM postings').get() as { n: number };
    sqlite.close();
    expect(vectors).to.deep.equal([...[0, 1, 2, 3, 4].map((id) => ({ id, answer_id: id as number | null })), { id: 5, answer_id: null }]);
    expect(weighted.n).to.equal(6);
    expect([...loadIndex(db).vectorAnswer]).to.deep.equal([0, 1, 2, 3, 4, -1]);
  });

  it('leaves the previous index untouched when the corpus has an error, and reports file and line', () => {
    reindex(corpus, db);
    const before = loadIndex(db).meta;
    writeFileSync(join(corpus, 'faq.csv'), `${BAKERY_CSV}broken,,,\n`);
    expect(() => reindex(corpus, db)).to.throw(CorpusError, /faq\.csv:18: the row for id "broken" has no question/);
    expect(loadIndex(db).meta).to.deep.equal(before);
    expect(readdirSync(join(dir.path, 'out'))).to.deep.equal(['index.sqlite']);
  });

  it('replaces the index by rename, leaving no temporary file behind', () => {
    reindex(corpus, db);
    writeFileSync(join(corpus, 'faq.csv'), BAKERY_CSV.replace('3 Mill Lane', '5 Mill Lane'));
    reindex(corpus, db);
    expect(readdirSync(join(dir.path, 'out'))).to.deep.equal(['index.sqlite']);
    expect(loadIndex(db).answers[1]?.answer).to.contain('5 Mill Lane');
  });

  it('refuses a missing file, saying to run reindex', () => {
    expect(() => loadIndex(join(dir.path, 'nope.sqlite'))).to.throw(IndexError, /does not exist\. Run "npx faqbot reindex"/);
  });

  it('refuses an index of another schema version, saying to run reindex', () => {
    reindex(corpus, db);
    const sqlite = new Database(db);
    sqlite.prepare("UPDATE meta SET value = '999' WHERE key = 'schemaVersion'").run();
    sqlite.close();
    expect(() => loadIndex(db)).to.throw(IndexError, /schema version 999, this faqbot reads version 3\. Run "npx faqbot reindex"/);
  });

  it('refuses a file that is not an index', () => {
    const other = join(dir.path, 'other.sqlite');
    new Database(other).close();
    expect(() => loadIndex(other)).to.throw(IndexError, /is not a faqbot index/);
    writeFileSync(other, 'plain text');
    expect(() => loadIndex(other)).to.throw(IndexError);
    expect(existsSync(other)).to.equal(true);
  });
});

describe('removeAbandonedTemporaries', () => {
  it('deletes the temporary file of a build that was killed, and keeps a running one’s', () => {
    const dir = makeTempDir();
    try {
      const db = join(dir.path, 'index.sqlite');
      const dead = spawnSync(process.execPath, ['-e', '']).pid!;
      dir.write(`.index.sqlite.${dead}.tmp`, 'half an index');
      dir.write(`.index.sqlite.${process.ppid}.tmp`, 'a build still running');
      dir.write('.other.sqlite.1.tmp', 'another index');
      expect(removeAbandonedTemporaries(db)).to.deep.equal([`.index.sqlite.${dead}.tmp`]);
      expect(readdirSync(dir.path).sort()).to.deep.equal([`.index.sqlite.${process.ppid}.tmp`, '.other.sqlite.1.tmp'].sort());
    } finally {
      dir.cleanup();
    }
  });

  it('runs before every build, so a killed reindex leaves nothing behind for long', () => {
    const dir = makeTempDir();
    try {
      dir.write('corpus/faq.csv', BAKERY_CSV);
      const dead = spawnSync(process.execPath, ['-e', '']).pid!;
      dir.write(`out/.index.sqlite.${dead}.tmp`, 'half an index');
      reindex(join(dir.path, 'corpus'), join(dir.path, 'out', 'index.sqlite'));
      expect(readdirSync(join(dir.path, 'out'))).to.deep.equal(['index.sqlite']);
    } finally {
      dir.cleanup();
    }
  });
});
