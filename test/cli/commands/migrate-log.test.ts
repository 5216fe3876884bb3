import { expect } from 'chai';
import { openSqliteStateStore } from '../../../src/conversation/sqlite-state-store';
import { createLogger } from '../../../src/log/logger';
import { forgetSender } from '../../../src/store/forget-sender';
import { openMessageLog } from '../../../src/store/message-log';
import { collect, spawnCli, waitForExit } from '../../helpers/cli-process';
import { createTestDatabase, query, type TestDatabase } from '../../helpers/postgres';
import { newMessageSid, testEnv } from '../../helpers/server';
import { makeTempDir, type TempDir } from '../../helpers/temp-dir';

const ADA = '+447700900123';
const BOB = '+447700900456';

describe('faqbot migrate-log', function () {
  this.timeout(60_000);
  let dir: TempDir;
  let database: TestDatabase;

  const migrateLog = async (): Promise<{ code: number | null; stdout: string; stderr: string }> => {
    const child = spawnCli(['migrate-log'], testEnv(dir.path, { DATABASE_URL: database.url }), dir.path);
    const [stdout, stderr] = [collect(child.stdout!), collect(child.stderr!)];
    const exit = await waitForExit(child, 30_000);
    return { code: exit.code, stdout: stdout(), stderr: stderr() };
  };

  beforeEach(async () => {
    dir = makeTempDir();
    database = await createTestDatabase();
  });
  afterEach(async () => {
    dir.cleanup();
    await database.drop();
  });

  it('copies messages, erasure marks and conversation state into PostgreSQL once, however often it runs', async () => {
    const path = `${dir.path}/messages.sqlite`;
    const log = openMessageLog(path, { logger: createLogger('silent') });
    const sids = [newMessageSid(), newMessageSid(), newMessageSid()];
    const reply = { messages: ['We deliver within 5 km.'], answerId: 'delivery', score: 0.8, fallback: null };
    log.record({ ...reply, messageSid: sids[0]!, sender: `whatsapp:${ADA}`, body: 'do you deliver' }, Date.now() - 2000);
    log.record({ ...reply, messageSid: sids[1]!, sender: `whatsapp:${ADA}`, body: 'delivery?' }, Date.now() - 1000);
    log.record({ ...reply, messageSid: sids[2]!, sender: `whatsapp:${BOB}`, body: 'do you deliver' }, Date.now() - 1000);
    log.record({ ...reply, messageSid: null, sender: `whatsapp:${ADA}`, body: 'no sid' }, Date.now() - 500);
    await log.close(1000);
    forgetSender(path, BOB, { maxBodyChars: 2000 });
    const states = openSqliteStateStore(path);
    const pause = { startedAt: Date.now(), until: Date.now() + 3_600_000, reason: 'asked' as const };
    await states.set(ADA, { fallbackStreak: 0, pause }, Date.now());
    await states.close();

    const first = await migrateLog();
    expect(first.code, first.stderr).to.equal(0);
    expect(first.stdout).to.include('Copied 3 of 3 messages').and.include('1 erasure marks and 1 conversation states');

    const rows = await query<{ message_sid: string | null; sender: string; body: string; reply: string[]; answer_id: string }>(
      database.url,
      'SELECT message_sid, sender, body, reply, answer_id FROM messages ORDER BY received_at',
    );
    expect(rows).to.deep.equal([
      { message_sid: sids[0], sender: `whatsapp:${ADA}`, body: 'do you deliver', reply: reply.messages, answer_id: 'delivery' },
      { message_sid: sids[1], sender: `whatsapp:${ADA}`, body: 'delivery?', reply: reply.messages, answer_id: 'delivery' },
      { message_sid: null, sender: `whatsapp:${ADA}`, body: 'no sid', reply: reply.messages, answer_id: 'delivery' },
    ]);
    expect(await query(database.url, 'SELECT sender, pause_until FROM sender_state')).to.deep.equal([{ sender: ADA, pause_until: String(pause.until) }]);
    expect(await query(database.url, 'SELECT count(*)::int AS n FROM forgotten')).to.deep.equal([{ n: 1 }]);

    const second = await migrateLog();
    expect(second.code, second.stderr).to.equal(0);
    expect(second.stdout).to.include('Copied 0 of 3 messages');
    expect(await query(database.url, 'SELECT count(*)::int AS n FROM messages')).to.deep.equal([{ n: 3 }]);
  });

  it('refuses to run without DATABASE_URL, and says what to set', async () => {
    const child = spawnCli(['migrate-log'], testEnv(dir.path), dir.path);
    const stderr = collect(child.stderr!);
    const exit = await waitForExit(child, 30_000);
    expect(exit.code).to.equal(2);
    expect(stderr()).to.include('set DATABASE_URL');
  });
});
