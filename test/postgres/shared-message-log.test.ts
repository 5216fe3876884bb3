import { expect } from 'chai';
import { forgetInDatabase } from '../../src/postgres/command-database';
import { openSharedDatabase, type SharedDatabase } from '../../src/postgres/shared-database';
import { openSharedMessageLog, type SharedMessageLog } from '../../src/postgres/shared-message-log';
import { captureLog } from '../helpers/log-capture';
import { createTestDatabase, query, type TestDatabase } from '../helpers/postgres';
import { newMessageSid } from '../helpers/server';

const REPLY = { messages: ['We deliver within 5 km.'], answerId: 'delivery', score: 0.8, fallback: null };
const ADA = 'whatsapp:+447700900123';

describe('shared message log: one reply per MessageSid across replicas', () => {
  let database: TestDatabase;
  const opened: { db: SharedDatabase; log: SharedMessageLog }[] = [];
  /** One replica's log: a pool and log of its own on the shared database. */
  const replica = async (claimWaitMs = 5000, flushDelayMs = 5): Promise<SharedMessageLog> => {
    const db = openSharedDatabase({ url: database.url, logger: captureLog().logger });
    await db.connect();
    const log = openSharedMessageLog(db, { logger: captureLog().logger, retentionDays: 90, maxQueued: 1000, claimWaitMs, flushDelayMs });
    opened.push({ db, log });
    return log;
  };
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    for (const { db, log } of opened.splice(0)) {
      await log.close(1000);
      await db.close();
    }
    await database.drop();
  });

  it('lets the first replica answer and gives a second one that asks meanwhile the very same reply', async () => {
    const [a, b] = [await replica(), await replica()];
    const sid = newMessageSid();
    expect(await a.find(sid)).to.equal(null);
    const waiting = b.find(sid);
    a.record({ ...REPLY, messageSid: sid, sender: ADA, body: 'do you deliver' });
    expect(await waiting).to.deep.equal(REPLY);
    expect(await b.find(sid)).to.deep.equal(REPLY);
    await a.flush();
    expect(await query(database.url, 'SELECT sender, body, reply FROM messages WHERE message_sid = $1', [sid])).to.deep.equal([{ sender: ADA, body: 'do you deliver', reply: REPLY.messages }]);
  });

  it('lets another replica answer when the claim is released, or when its holder never answers', async () => {
    const [a, b] = [await replica(), await replica(300)];
    const released = newMessageSid();
    expect(await a.find(released)).to.equal(null);
    a.release!(released);
    const started = Date.now();
    expect(await b.find(released)).to.equal(null);
    expect(Date.now() - started, 'took over the released claim without waiting it out').to.be.below(300);

    const abandoned = newMessageSid();
    expect(await a.find(abandoned)).to.equal(null);
    expect(await b.find(abandoned)).to.equal(null);
    b.record({ ...REPLY, messageSid: abandoned, sender: ADA, body: 'late' });
    await b.flush();
    // The first reply recorded stands: A's, arriving later, changes nothing.
    a.record({ ...REPLY, messages: ['another reply'], messageSid: abandoned, sender: ADA, body: 'late' });
    await a.flush();
    expect(await query(database.url, 'SELECT reply FROM messages WHERE message_sid = $1', [abandoned])).to.deep.equal([{ reply: REPLY.messages }]);
  });

  it('drops only a message the database refuses on its data, writes the others, and stays available', async () => {
    const a = await replica(5000, 60_000);
    const sids = [newMessageSid(), newMessageSid(), newMessageSid()];
    a.record({ ...REPLY, messageSid: sids[0]!, sender: ADA, body: 'first' });
    // PostgreSQL text cannot hold NUL (the webhook replaces control characters; this log is not trusted to have).
    a.record({ ...REPLY, messageSid: sids[1]!, sender: ADA, body: 'nul \u0000 inside' });
    a.record({ ...REPLY, messageSid: sids[2]!, sender: ADA, body: 'third' });
    expect(await a.flush()).to.equal(0);
    const rows = await query<{ message_sid: string }>(database.url, 'SELECT message_sid FROM messages ORDER BY id');
    expect(rows.map((row) => row.message_sid)).to.deep.equal([sids[0], sids[2]]);
    expect(opened[0]!.db.state).to.equal('ok');
  });

  it('does not write back a message of a sender erased after it arrived', async () => {
    // Writes only when flushed: the message is still waiting in memory when the sender is erased.
    const a = await replica(5000, 60_000);
    const sid = newMessageSid();
    a.record({ ...REPLY, messageSid: sid, sender: ADA, body: 'erase me' }, Date.now() - 1000);
    expect(a.queued).to.equal(1);
    await forgetInDatabase(database.url, '+447700900123');
    await a.flush();
    expect(await query(database.url, 'SELECT message_sid FROM messages WHERE message_sid = $1', [sid])).to.deep.equal([]);
    expect(await a.recentMessages('+447700900123', 10)).to.deep.equal([]);
  });
});
