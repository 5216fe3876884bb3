import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { loadIndex } from '../../src/index/load-index';
import { reindex } from '../../src/index/reindex';
import { followPublishedIndex, type IndexFollower } from '../../src/postgres/index-follower';
import { publishIndex, sha256Of } from '../../src/postgres/index-versions';
import { openSharedDatabase, type SharedDatabase } from '../../src/postgres/shared-database';
import { waitUntil } from '../helpers/cli-process';
import { BAKERY_CSV } from '../helpers/fixtures';
import { captureLog, type CapturedLog } from '../helpers/log-capture';
import { createTestDatabase, query, type TestDatabase } from '../helpers/postgres';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

const SCONES_ROW = 'scones,do you sell scones,"Fresh scones every morning.",Products\n';

describe('a replica following the published index', function () {
  this.timeout(60_000);
  let dir: TempDir;
  let database: TestDatabase;
  let db: SharedDatabase;
  let follower: IndexFollower;
  let log: CapturedLog;
  let bakery: Buffer;
  let scones: Buffer;
  let local: string;
  const meta = (answers: number) => ({ corpusHash: `hash-${answers}`, builtAt: new Date().toISOString(), answers });

  before(() => {
    dir = makeTempDir();
    dir.write('a/faq.csv', BAKERY_CSV);
    dir.write('b/faq.csv', BAKERY_CSV + SCONES_ROW);
    reindex(`${dir.path}/a`, `${dir.path}/a.sqlite`);
    reindex(`${dir.path}/b`, `${dir.path}/b.sqlite`);
    bakery = readFileSync(`${dir.path}/a.sqlite`);
    scones = readFileSync(`${dir.path}/b.sqlite`);
  });
  after(() => dir.cleanup());

  beforeEach(async () => {
    database = await createTestDatabase();
    log = captureLog();
    db = openSharedDatabase({ url: database.url, logger: log.logger });
    expect(await db.connect()).to.equal(true);
    local = `${dir.path}/replica-${Date.now()}.sqlite`;
    follower = followPublishedIndex({ db, url: database.url, path: local, pollMs: 60_000, logger: log.logger });
  });
  afterEach(async () => {
    await follower.stop();
    await db.close();
    await database.drop();
  });

  it('writes a newly published version to the local file on NOTIFY, without waiting for the poll', async () => {
    follower.start();
    // LISTEN is set up asynchronously; the first sync after it finds nothing published.
    await waitUntil(async () => (await query(database.url, "SELECT 1 FROM pg_stat_activity WHERE query LIKE 'LISTEN%'")).length === 1, 10_000, 'the LISTEN connection');
    const published = await publishIndex(db.pool, bakery, meta(5));
    await waitUntil(() => follower.copy?.version === published.version, 5000, 'the notified version');
    expect(sha256Of(readFileSync(local))).to.equal(published.sha256);
    expect(loadIndex(local).meta.answers).to.equal(5);
    expect(JSON.parse(readFileSync(`${local}.published.json`, 'utf8'))).to.deep.equal({ version: published.version, sha256: published.sha256 });
  });

  it('ends at the later of two versions published at once, whole', async () => {
    const [first, second] = await Promise.all([publishIndex(db.pool, bakery, meta(5)), publishIndex(db.pool, scones, meta(6))]);
    const later = first.version > second.version ? first : second;
    await follower.sync();
    expect(follower.copy?.version).to.equal(later.version);
    expect(sha256Of(readFileSync(local))).to.equal(later.sha256);
    // An older version announced late is not written over the newer one.
    await query(database.url, "SELECT pg_notify('faqbot_index', $1)", [String(Math.min(first.version, second.version))]);
    await follower.sync();
    expect(sha256Of(readFileSync(local))).to.equal(later.sha256);
  });

  it('keeps the previous index when a published version is not an index it can serve, and says so once', async () => {
    const good = await publishIndex(db.pool, bakery, meta(5));
    await follower.sync();
    expect(follower.copy?.version).to.equal(good.version);
    await publishIndex(db.pool, Buffer.from('not an index at all'), meta(0));
    await follower.sync();
    await follower.sync();
    expect(follower.copy?.version).to.equal(good.version);
    expect(sha256Of(readFileSync(local))).to.equal(good.sha256);
    const errors = log.lines().filter((line) => typeof line.msg === 'string' && line.msg.startsWith('the published index cannot be served'));
    expect(errors).to.have.length(1);
    expect(existsSync(`${dir.path}/.${local.split('/').pop()}.${process.pid}.tmp`)).to.equal(false);
  });
});
