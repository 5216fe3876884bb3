import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { type SenderState } from '../../src/conversation/state-store';
import { openSharedDatabase, type SharedDatabase } from '../../src/postgres/shared-database';
import { openSharedStateStore, type SharedStateStore } from '../../src/postgres/shared-state-store';
import { waitUntil } from '../helpers/cli-process';
import { captureLog } from '../helpers/log-capture';
import { createTestDatabase, LOCAL_SERVER, query, type TestDatabase } from '../helpers/postgres';

const NOW = Date.UTC(2026, 10, 27, 9, 0, 0);
const ADA = '+447700900123';
const BOB = '+447700900456';
const PAUSED: SenderState = { fallbackStreak: 0, pause: { startedAt: NOW, until: NOW + 3_600_000, reason: 'asked' } };

describe('PostgreSQL state store (several replicas, one database)', () => {
  let database: TestDatabase;
  const opened: { db: SharedDatabase; store: SharedStateStore }[] = [];
  /** A replica's store: a pool and store of its own on the same database. */
  const replica = async (url = database.url): Promise<{ db: SharedDatabase; store: SharedStateStore }> => {
    const db = openSharedDatabase({ url, logger: captureLog().logger, probeEveryMs: 100 });
    await db.connect();
    const pair = { db, store: openSharedStateStore(db, { logger: captureLog().logger, maxQueued: 100 }) };
    opened.push(pair);
    return pair;
  };
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    for (const { db, store } of opened.splice(0)) {
      await store.close();
      await db.close();
    }
    await database.drop();
  });

  it('shows a state set through one replica to another at once, and deletes it for both', async () => {
    const [a, b] = [await replica(), await replica()];
    await a.store.set(ADA, PAUSED, NOW);
    expect(await b.store.get(ADA, NOW + 1)).to.deep.equal(PAUSED);
    expect(await b.store.listPaused(NOW + 1)).to.deep.equal([{ sender: ADA, ...PAUSED.pause }]);
    expect(await b.store.delete(ADA)).to.equal(1);
    expect(await a.store.get(ADA, NOW + 2)).to.equal(undefined);
  });

  it('drops expired parts when read, deletes a state with nothing left, and lists pauses soonest-ending first', async () => {
    const { store } = await replica();
    await store.set(ADA, { fallbackStreak: 2, choices: { answerIds: ['a'], expiresAt: NOW + 1000 } }, NOW);
    expect(await store.get(ADA, NOW + 1000)).to.deep.equal({ fallbackStreak: 2 });
    await store.set(ADA, { fallbackStreak: 0 }, NOW);
    expect(await query(database.url, 'SELECT sender FROM sender_state')).to.deep.equal([]);
    await store.set(ADA, { fallbackStreak: 0, pause: { startedAt: NOW, until: NOW + 5000, reason: 'fallbacks' } }, NOW);
    await store.set(BOB, { fallbackStreak: 0, pause: { startedAt: NOW, until: NOW + 2000, reason: 'asked' } }, NOW);
    expect((await store.listPaused(NOW)).map((p) => p.sender)).to.deep.equal([BOB, ADA]);
    expect((await store.listPaused(NOW + 3000)).map((p) => p.sender)).to.deep.equal([ADA]);
    expect(await store.get(BOB, NOW + 3000)).to.equal(undefined);
  });

  it('answers from memory while the database is unreachable and writes the waiting state when it returns', async () => {
    // A database that does not exist yet is as unreachable as a stopped server; creating it ends the outage.
    const name = `faqbot_test_${randomBytes(6).toString('hex')}`;
    const { db, store } = await replica(`${LOCAL_SERVER}/${name}`);
    expect(db.state).to.equal('degraded');
    await store.set(ADA, PAUSED, NOW);
    expect(store.queued).to.equal(1);
    expect(await store.get(ADA, NOW + 1)).to.deep.equal(PAUSED);
    const admin = new Client({ connectionString: `${LOCAL_SERVER}/postgres` });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
      await waitUntil(() => store.queued === 0 && db.state === 'ok', 10_000, 'the waiting state to be written');
      expect(await query(`${LOCAL_SERVER}/${name}`, 'SELECT sender, state FROM sender_state')).to.deep.equal([{ sender: ADA, state: PAUSED }]);
    } finally {
      await store.close();
      await db.close();
      opened.pop();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
