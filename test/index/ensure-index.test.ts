import { expect } from 'chai';
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureIndex, isIndexStale } from '../../src/index/ensure-index';
import { reindex } from '../../src/index/reindex';
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
});
