import { expect } from 'chai';
import { copyFileSync } from 'node:fs';
import { BAKERY_CSV } from '../helpers/fixtures';
import { spawnCli, waitForExit, waitUntil } from '../helpers/cli-process';
import { createTestDatabase, query, startPrivateServer, type PrivateServer, type TestDatabase } from '../helpers/postgres';
import { killIfRunning, startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { postSigned, testEnv, twimlMessages, whatsappForm } from '../helpers/server';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

const DELIVERY = 'We deliver within 5 km for £3, free on orders over £25.';

interface Health {
  state: string;
  database: { state: string; queuedMessages: number };
}

describe('replicas while their PostgreSQL server is stopped and started again', function () {
  this.timeout(180_000);
  // A server of this test's own: stopping it disturbs no other test on the machine.
  let server: PrivateServer;
  let database: TestDatabase;
  const dirs: TempDir[] = [];
  const replicas: ServeProcess[] = [];

  before(async () => {
    server = await startPrivateServer();
    database = await createTestDatabase(server.server);
    const publisher = makeTempDir('faqbot-publisher-');
    dirs.push(publisher);
    publisher.write('corpus/faq.csv', BAKERY_CSV);
    const exit = await waitForExit(spawnCli(['reindex'], testEnv(publisher.path, { DATABASE_URL: database.url }), publisher.path), 60_000);
    expect(exit.code).to.equal(0);
    for (let i = 0; i < 2; i++) {
      const dir = makeTempDir('faqbot-replica-');
      dirs.push(dir);
      replicas.push(await startServeProcess(dir.path, { DATABASE_URL: database.url, RATE_LIMIT_MAX: '0' }));
    }
  });

  after(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    for (const replica of replicas) killIfRunning(replica.child);
    for (const dir of dirs) dir.cleanup();
    server.destroy();
  });

  it('answers every message, reports "degraded" with HTTP 200, logs the outage once, and writes the waiting messages when the database returns', async () => {
    const sent: string[] = [];
    const send = async (i: number): Promise<void> => {
      const form = whatsappForm('do you deliver', { From: `whatsapp:+4477009001${String(i).padStart(2, '0')}`, WaId: `4477009001${String(i).padStart(2, '0')}` });
      const response = await postSigned(`${replicas[i % 2]!.url}/bot`, form);
      expect(response.status, `message ${i}`).to.equal(200);
      expect(twimlMessages(await response.text()), `message ${i}`).to.deep.equal([DELIVERY]);
      sent.push(form.MessageSid!);
    };
    let i = 0;
    for (; i < 10; i++) await send(i);

    server.stop();
    // Mid-stream: the messages go on while the server is down.
    for (; i < 30; i++) await send(i);
    for (const replica of replicas) {
      const response = await fetch(`${replica.url}/health`);
      expect(response.status).to.equal(200);
      const health = (await response.json()) as Health;
      expect(health.state).to.equal('degraded');
      expect(health.database.queuedMessages).to.be.greaterThan(0);
    }
    // A redelivery to the same replica during the outage still gets the reply it had, from the replica's own queue.
    const again = whatsappForm('where are you', { MessageSid: sent[20]!, SmsMessageSid: sent[20]! });
    expect(twimlMessages(await (await postSigned(`${replicas[0]!.url}/bot`, again)).text())).to.deep.equal([DELIVERY]);

    // A replica started meanwhile (from a copy of a replica's folder: its local copy of the published index, no corpus)
    // starts without the database, answers, and writes its messages when the database returns.
    const copy = makeTempDir('faqbot-replica-');
    dirs.push(copy);
    for (const file of ['index.sqlite', 'index.sqlite.published.json']) copyFileSync(`${dirs[2]!.path}/${file}`, `${copy.path}/${file}`);
    const late = await startServeProcess(copy.path, { DATABASE_URL: database.url, RATE_LIMIT_MAX: '0' });
    replicas.push(late);
    expect(((await (await fetch(`${late.url}/health`)).json()) as Health).state).to.equal('degraded');
    const first = whatsappForm('do you deliver', { From: 'whatsapp:+447700900199', WaId: '447700900199' });
    expect(twimlMessages(await (await postSigned(`${late.url}/bot`, first)).text())).to.deep.equal([DELIVERY]);
    sent.push(first.MessageSid!);

    server.start();
    for (; i < 40; i++) await send(i);
    await waitUntil(
      async () => {
        const rows = await query<{ n: string }>(database.url, 'SELECT count(*) AS n FROM messages WHERE message_sid = ANY($1) AND reply IS NOT NULL', [sent]).catch(() => [{ n: '0' }]);
        return Number(rows[0]!.n) === sent.length;
      },
      20_000,
      'every message in the shared log',
    );
    for (const replica of replicas) {
      await waitUntil(async () => ((await (await fetch(`${replica.url}/health`)).json()) as Health).state === 'ok', 10_000, 'the replica to report ok');
      const outageLines = replica.log.lines.filter((line) => typeof line.msg === 'string' && line.msg.startsWith('the shared database is unreachable'));
      expect(outageLines, 'one line per outage').to.have.length(1);
      expect(replica.log.lines.some((line) => line.msg === 'the shared database is reachable again')).to.equal(true);
      expect(replica.stderr()).to.equal('');
    }
    const rows = await query<{ message_sid: string; reply: string[] }>(database.url, 'SELECT message_sid, reply FROM messages WHERE message_sid = ANY($1)', [sent]);
    expect(rows).to.have.length(sent.length);
    expect(rows.every((row) => row.reply[0] === DELIVERY)).to.equal(true);
  });
});
