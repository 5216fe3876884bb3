import Database from 'better-sqlite3';
import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { reindex } from '../../src/index/reindex';
import { BIKE_ANSWERS, BIKE_SHOP_CSV } from '../helpers/bike-shop';
import { collect, spawnCli, waitForExit } from '../helpers/cli-process';
import { killIfRunning, startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { postSigned, testEnv, twimlMessages, whatsappForm } from '../helpers/server';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

const SECRET = 'handoff-secret-0123456789';
const EMPTY_RESPONSE = /^<\?xml version="1.0" encoding="UTF-8"\?><Response\/>$/;

describe('conversations on a real serve process: choices, follow-ups, hand-off', function () {
  this.timeout(120_000);
  let dir: TempDir;
  let receiver: WebhookReceiver;
  let serve: ServeProcess | undefined;
  let env: NodeJS.ProcessEnv;

  /** Sends one signed WhatsApp message from `number` and returns the response body and its <Message> texts. */
  const send = async (number: string, body: string): Promise<{ xml: string; messages: string[] }> => {
    const response = await postSigned(`${serve!.url}/bot`, whatsappForm(body, { From: `whatsapp:${number}`, WaId: number.slice(1) }));
    expect(response.status).to.equal(200);
    const xml = await response.text();
    return { xml, messages: twimlMessages(xml) };
  };

  /** Runs a faqbot command over the same files and returns its exit code and output. */
  const cli = async (args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> => {
    const child = spawnCli(args, testEnv(dir.path, env), dir.path);
    const stdout = collect(child.stdout!);
    const stderr = collect(child.stderr!);
    const exit = await waitForExit(child, 30_000);
    return { code: exit.code, stdout: stdout(), stderr: stderr() };
  };

  before(async () => {
    dir = makeTempDir();
    dir.write('corpus/faq.csv', BIKE_SHOP_CSV);
    reindex(`${dir.path}/corpus`, `${dir.path}/index.sqlite`);
    receiver = await startWebhookReceiver();
    env = { HANDOFF_WEBHOOK_URL: receiver.url, HANDOFF_WEBHOOK_SECRET: SECRET };
    serve = await startServeProcess(dir.path, env);
  });
  after(async () => {
    killIfRunning(serve?.child);
    await receiver.close();
    dir.cleanup();
  });

  it('offers numbered choices for an ambiguous message, and "2" gets the second one\'s answer', async () => {
    const { messages } = await send('+447700900101', 'how much does a bike cost');
    expect(messages).to.have.length(1);
    expect(messages[0]).to.equal('Which one do you mean?\n1. how much does it cost to rent a bike\n2. how much does it cost to repair a bike\nReply with a number.');
    expect((await send('+447700900101', ' 2️⃣ ')).messages).to.deep.equal([BIKE_ANSWERS.repair]);
  });

  it('matches a number as a message when no choices are pending', async () => {
    const { messages } = await send('+447700900102', '2');
    expect(messages).to.have.length(1);
    expect(messages[0]).to.not.equal(BIKE_ANSWERS.repair);
    expect(messages[0]).to.match(/^Sorry, I don't know that one yet/);
  });

  it('lists the follow-ups after an answer, and "1" answers the first', async () => {
    const { messages } = await send('+447700900103', 'how much does it cost to rent a bike');
    expect(messages).to.deep.equal([`${BIKE_ANSWERS.rent}\n\nYou might also want to know:\n1. how do i book a bike\n2. can i cancel my booking\nReply with a number.`]);
    expect((await send('+447700900103', '#1')).messages).to.deep.equal([BIKE_ANSWERS.booking]);
  });

  it('"talk to a human" reaches the webhook with a valid HMAC; then the bot is silent until `faqbot resume`', async () => {
    const number = '+447700900104';
    await send(number, 'when are you open');
    const handoff = await send(number, 'talk to a human');
    expect(handoff.messages[0]).to.include('Send *bot* to talk to me again.');

    const request = await receiver.waitFor(1, 20_000);
    const expected = `sha256=${createHmac('sha256', SECRET).update(request.rawBody).digest('hex')}`;
    expect(request.headers['x-faqbot-signature']).to.equal(expected);
    expect(request.headers['content-type']).to.equal('application/json');
    const payload = JSON.parse(request.rawBody.toString('utf8')) as Record<string, unknown>;
    expect(payload).to.include({ event: 'handoff', sender: number, profileName: 'Ada', reason: 'asked' });
    const history = payload.messages as { body: string; reply: string[] }[];
    expect(history.map((m) => m.body)).to.deep.equal(['when are you open', 'talk to a human']);
    expect(history[0]!.reply).to.deep.equal([BIKE_ANSWERS.hours]);
    expect(history[1]!.reply).to.deep.equal(handoff.messages);

    const silent = await send(number, 'when are you open');
    expect(silent.xml).to.match(EMPTY_RESPONSE);
    expect((await send(number, 'how do i book a bike')).xml).to.match(EMPTY_RESPONSE);

    const listed = await cli(['handoffs']);
    expect(listed.code).to.equal(0);
    expect(listed.stdout).to.match(new RegExp(`^\\${number}  asked for a person`, 'm'));

    const resumed = await cli(['resume', number]);
    expect(resumed.code, resumed.stderr).to.equal(0);
    expect(resumed.stdout).to.include(`Resumed ${number}`);
    expect((await send(number, 'when are you open')).messages).to.deep.equal([BIKE_ANSWERS.hours]);
  });

  it('keeps logging the messages it does not answer during a hand-off', async () => {
    const number = '+447700900105';
    await send(number, 'can i speak to a person');
    await send(number, 'my bike is still broken');
    const db = new Database(`${dir.path}/messages.sqlite`, { readonly: true });
    try {
      // The server writes its log a few ms after each reply.
      for (let i = 0; i < 200; i++) {
        const row = db.prepare("SELECT body, reply, fallback FROM messages WHERE sender = ? AND body = 'my bike is still broken'").get(`whatsapp:${number}`);
        if (row !== undefined) {
          expect(row).to.deep.equal({ body: 'my bike is still broken', reply: '[]', fallback: 'paused' });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect.fail('the silenced message was never written to the log');
    } finally {
      db.close();
    }
  });

  it('the resume word brings the bot back', async () => {
    const number = '+447700900106';
    await send(number, 'i want to talk to a human');
    expect((await send(number, 'when are you open')).xml).to.match(EMPTY_RESPONSE);
    expect((await send(number, 'Bot!')).messages[0]).to.match(/^I'm back!/);
    expect((await send(number, 'when are you open')).messages).to.deep.equal([BIKE_ANSWERS.hours]);
  });

  it(`hands off after 3 fallbacks in a row, with reason "fallbacks"`, async () => {
    const number = '+447700900107';
    const before = receiver.received.length;
    expect((await send(number, 'zzzz qqqq')).messages[0]).to.match(/^Sorry, I don't know/);
    expect((await send(number, 'xxyy wwvv')).messages[0]).to.match(/^Sorry, I don't know/);
    const third = await send(number, 'ppqq rrss');
    expect(third.messages[0]).to.match(/^Sorry I could not help\. I'll pass your conversation/);
    const request = await receiver.waitFor(before + 1, 20_000);
    expect(JSON.parse(request.rawBody.toString('utf8'))).to.include({ sender: number, reason: 'fallbacks' });
    expect((await send(number, 'when are you open')).xml).to.match(EMPTY_RESPONSE);
  });

  it('keeps a pause across a restart, and a number after CHOICE_TTL is matched as a message', async () => {
    const paused = '+447700900108';
    await send(paused, 'talk to a human');
    const stopped = await serve!.stop();
    expect(stopped.code).to.equal(0);
    serve = await startServeProcess(dir.path, { ...env, CHOICE_TTL: '1s' });

    expect((await send(paused, 'when are you open')).xml).to.match(EMPTY_RESPONSE);

    const chooser = '+447700900109';
    expect((await send(chooser, 'how much does a bike cost')).messages[0]).to.match(/^Which one do you mean\?/);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const late = await send(chooser, '2');
    expect(late.messages).to.have.length(1);
    expect(late.messages[0]).to.not.equal(BIKE_ANSWERS.repair);
  });
});
