import { expect } from 'chai';
import { BAKERY_CSV } from '../helpers/fixtures';
import { collect, spawnCli, waitForExit, waitUntil } from '../helpers/cli-process';
import { createTestDatabase, query, type TestDatabase } from '../helpers/postgres';
import { killIfRunning, startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { postSigned, testEnv, twimlMessages, whatsappForm } from '../helpers/server';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

/** A row only the third machine's corpus has. */
const SCONES_CSV = `${BAKERY_CSV}scones,do you sell scones,"Fresh scones every morning from 8am, plain or with fruit.",Products
scones,have you got scones,,
`;

interface Health {
  state?: string;
  database?: { state: string; queuedMessages: number; indexVersion: number | null };
  index: { corpusHash: string; answers: number };
}

const health = async (replica: ServeProcess): Promise<Health> => (await (await fetch(`${replica.url}/health`)).json()) as Health;

const EMPTY_RESPONSE = /^<\?xml version="1.0" encoding="UTF-8"\?><Response\/>$/;

/** Runs a faqbot command as its own process (a third machine) in `dir`, with DATABASE_URL, and returns its standard output. */
async function commandFrom(dir: TempDir, args: string[], databaseUrl: string): Promise<string> {
  const child = spawnCli(args, testEnv(dir.path, { DATABASE_URL: databaseUrl }), dir.path);
  const stdout = collect(child.stdout!);
  const stderr = collect(child.stderr!);
  const exit = await waitForExit(child, 60_000);
  expect(exit.code, `faqbot ${args.join(' ')} failed: ${stderr()}`).to.equal(0);
  return stdout();
}

/** Runs `faqbot reindex` as its own process (a third machine) in `dir`, with DATABASE_URL, and returns its output. */
function reindexFrom(dir: TempDir, databaseUrl: string): Promise<string> {
  return commandFrom(dir, ['reindex'], databaseUrl);
}

const rowsFor = async (url: string, messageSid: string): Promise<{ reply: string[] }[]> =>
  query<{ reply: string[] }>(url, 'SELECT reply FROM messages WHERE message_sid = $1', [messageSid]);

describe('several replicas on one PostgreSQL database (DATABASE_URL)', function () {
  this.timeout(120_000);
  let database: TestDatabase;
  const dirs: TempDir[] = [];
  let a: ServeProcess | undefined;
  let b: ServeProcess | undefined;
  let publisher: TempDir;
  let receiver: WebhookReceiver;

  /** A replica on a machine of its own: its own folder, with no corpus at all. */
  const startReplica = async (): Promise<ServeProcess> => {
    const dir = makeTempDir('faqbot-replica-');
    dirs.push(dir);
    return startServeProcess(dir.path, { DATABASE_URL: database.url, INDEX_POLL_MS: '1000', HANDOFF_WEBHOOK_URL: receiver.url, HANDOFF_WEBHOOK_SECRET: 'handoff-secret-0123456789' });
  };

  before(async () => {
    database = await createTestDatabase();
    receiver = await startWebhookReceiver();
    publisher = makeTempDir('faqbot-publisher-');
    dirs.push(publisher);
    publisher.write('corpus/faq.csv', BAKERY_CSV);
    expect(await reindexFrom(publisher, database.url)).to.match(/Published as index version 1 /);
    [a, b] = await Promise.all([startReplica(), startReplica()]);
  });

  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    killIfRunning(a?.child);
    killIfRunning(b?.child);
    for (const dir of dirs) dir.cleanup();
    await receiver.close();
    await database.drop();
  });

  it('start without a corpus folder, serving the published index, and report the shared database on /health', async () => {
    for (const replica of [a!, b!]) {
      const seen = await health(replica);
      expect(seen.state).to.equal('ok');
      expect(seen.database).to.deep.equal({ state: 'ok', queuedMessages: 0, queuedStates: 0, indexVersion: 1 });
      expect(seen.index.answers).to.equal(5);
    }
    const reply = await postSigned(`${a!.url}/bot`, whatsappForm('do you deliver'));
    expect(twimlMessages(await reply.text())).to.deep.equal(['We deliver within 5 km for £3, free on orders over £25.']);
  });

  it('answer a MessageSid sent to A and then to B once: the same reply, one log row', async () => {
    const form = whatsappForm('where are you');
    const first = twimlMessages(await (await postSigned(`${a!.url}/bot`, form)).text());
    const second = twimlMessages(await (await postSigned(`${b!.url}/bot`, form)).text());
    expect(first).to.deep.equal(["You'll find us at 3 Mill Lane, next to the station."]);
    expect(second).to.deep.equal(first);
    await waitUntil(async () => (await rowsFor(database.url, form.MessageSid!))[0]?.reply != null, 5000, 'the reply to be written');
    const rows = await rowsFor(database.url, form.MessageSid!);
    expect(rows).to.have.length(1);
    expect(rows[0]!.reply).to.deep.equal(first);
    // B says it replayed the message rather than answering it.
    await b!.log.waitFor((line) => line.messageSid === form.MessageSid && line.replayed === true, 5000);
  });

  it('answer a MessageSid sent to A and B at the same moment once: one computes, the other returns the same reply', async () => {
    for (let round = 0; round < 5; round++) {
      const form = whatsappForm('can i order a birthday cake');
      const [fromA, fromB] = await Promise.all([postSigned(`${a!.url}/bot`, form), postSigned(`${b!.url}/bot`, form)]);
      expect([fromA.status, fromB.status]).to.deep.equal([200, 200]);
      const [textA, textB] = [twimlMessages(await fromA.text()), twimlMessages(await fromB.text())];
      expect(textA).to.deep.equal(['Yes! Order a custom cake at least 3 days ahead, in the shop or by phone on 01632 960000.']);
      expect(textB).to.deep.equal(textA);
      await waitUntil(async () => (await rowsFor(database.url, form.MessageSid!))[0]?.reply != null, 5000, 'the reply to be written');
      expect(await rowsFor(database.url, form.MessageSid!)).to.have.length(1);
      const requestLines = (): Record<string, unknown>[] =>
        [a!, b!].flatMap((replica) => replica.log.lines.filter((line) => line.messageSid === form.MessageSid && line.msg === 'request'));
      await waitUntil(() => requestLines().length === 2, 5000, 'both request log lines');
      const lines = requestLines();
      expect(lines.filter((line) => line.replayed === true), 'exactly one replica replayed it').to.have.length(1);
    }
  });

  it('keep a hand-off started through A on B too, until `faqbot resume` from a third process brings both back', async () => {
    const number = '+447700900777';
    const from = { From: `whatsapp:${number}`, WaId: number.slice(1) };
    const send = async (replica: ServeProcess, body: string): Promise<string> => (await postSigned(`${replica.url}/bot`, whatsappForm(body, from))).text();
    const first = whatsappForm('do you deliver', from);
    expect(twimlMessages(await (await postSigned(`${b!.url}/bot`, first)).text())).to.have.length(1);
    // A replica writes its log off the request path, a few milliseconds after it replies; a person's next message comes
    // seconds later, so the test waits for that write as WhatsApp's pace would.
    await waitUntil(async () => (await rowsFor(database.url, first.MessageSid!))[0]?.reply != null, 5000, "B's reply to be written");
    expect(twimlMessages(await send(a!, 'talk to a human'))[0]).to.include('Send *bot* to talk to me again.');
    // The notification's history comes from the shared log: the message answered by B, then the one to A.
    const notified = JSON.parse((await receiver.waitFor(1, 20_000)).rawBody.toString('utf8')) as { sender: string; messages: { body: string }[] };
    expect(notified.sender).to.equal(number);
    expect(notified.messages.map((m) => m.body)).to.deep.equal(['do you deliver', 'talk to a human']);
    expect(await send(b!, 'do you deliver')).to.match(EMPTY_RESPONSE);
    expect(await send(a!, 'where are you')).to.match(EMPTY_RESPONSE);

    const listed = await commandFrom(publisher, ['handoffs'], database.url);
    expect(listed).to.match(new RegExp(`^\\${number}  asked for a person`, 'm'));
    expect(await commandFrom(publisher, ['resume', number], database.url)).to.include(`Resumed ${number}`);

    expect(twimlMessages(await send(b!, 'do you deliver'))).to.deep.equal(['We deliver within 5 km for £3, free on orders over £25.']);
    expect(twimlMessages(await send(a!, 'where are you'))).to.deep.equal(["You'll find us at 3 Mill Lane, next to the station."]);
    expect(await commandFrom(publisher, ['handoffs'], database.url)).to.include('No conversation is handed off');
  });

  it('count one sender against one rate limit whichever replica answers', async () => {
    // Restarted on purpose with a small limit: 3 messages a minute for everyone.
    await Promise.all([a!.stop(), b!.stop()]);
    const limited = async (): Promise<ServeProcess> => {
      const dir = makeTempDir('faqbot-replica-');
      dirs.push(dir);
      return startServeProcess(dir.path, { DATABASE_URL: database.url, RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' });
    };
    [a, b] = await Promise.all([limited(), limited()]);
    const from = { From: 'whatsapp:+447700900555', WaId: '447700900555' };
    const outcomes: string[][] = [];
    for (const replica of [a, b, a, b, a]) outcomes.push(twimlMessages(await (await postSigned(`${replica.url}/bot`, whatsappForm('do you deliver', from))).text()));
    expect(outcomes.slice(0, 3).every((messages) => messages[0]?.startsWith('We deliver'))).to.equal(true);
    expect(outcomes[3]).to.have.length(1);
    expect(outcomes[3]![0]).to.not.match(/^We deliver/);
    expect(outcomes[4], 'silent after the notice').to.deep.equal([]);
  });

  it('serve a reindex published from a third machine, with a corpus only it has, on A and B within 5 s', async () => {
    const before = await health(a!);
    publisher.write('corpus/faq.csv', SCONES_CSV);
    const output = await reindexFrom(publisher, database.url);
    const version = Number(/Published as index version (\d+) /.exec(output)?.[1]);
    const published = Date.now();
    await Promise.all(
      [a!, b!].map((replica) => waitUntil(async () => (await health(replica)).index.corpusHash !== before.index.corpusHash, 5000, 'the new index on a replica')),
    );
    expect(Date.now() - published).to.be.below(5000);
    for (const [i, replica] of [a!, b!].entries()) {
      expect((await health(replica)).database?.indexVersion).to.equal(version);
      const reply = await postSigned(`${replica.url}/bot`, whatsappForm('do you sell scones', { From: `whatsapp:+44770090070${i}`, WaId: `44770090070${i}` }));
      expect(twimlMessages(await reply.text())).to.deep.equal(['Fresh scones every morning from 8am, plain or with fruit.']);
    }
  });
});
