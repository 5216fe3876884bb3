import { expect } from 'chai';
import { DEFAULT_CONVERSATION_SETTINGS } from '../../../src/conversation/decide';
import { type StateStore } from '../../../src/conversation/state-store';
import { loadIndex } from '../../../src/index/load-index';
import { reindex } from '../../../src/index/reindex';
import { toServingIndex } from '../../../src/server/serving-index';
import { startTestApp } from '../../helpers/app';
import { BIKE_ANSWERS, BIKE_SHOP_CSV } from '../../helpers/bike-shop';
import { captureLog } from '../../helpers/log-capture';
import { postSigned, startTestServer, twimlMessages, whatsappForm, type TestServer } from '../../helpers/server';
import { makeTempDir } from '../../helpers/temp-dir';
import { startWebhookReceiver, type WebhookReceiver } from '../../helpers/webhook-receiver';

const CHOICES = 'Which one do you mean?\n1. how much does it cost to rent a bike\n2. how much does it cost to repair a bike\nReply with a number.';
const EMPTY_RESPONSE = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

describe('twilioWebhook with conversations (real server in this process)', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  before(async () => {
    receiver = await startWebhookReceiver();
    server = await startTestServer(BIKE_SHOP_CSV, { HANDOFF_WEBHOOK_URL: receiver.url, HANDOFF_WEBHOOK_SECRET: 'handoff-secret-0123456789' });
  });
  after(async () => {
    await server.stop();
    await receiver.close();
  });
  const send = async (number: string, body: string, extra: Record<string, string> = {}): Promise<string> => {
    const response = await postSigned(`${server.baseUrl}/bot`, whatsappForm(body, { From: `whatsapp:${number}`, ...extra }));
    expect(response.status).to.equal(200);
    return response.text();
  };

  it('remembers the numbered choices it offered, so "2" picks the second', async () => {
    expect(twimlMessages(await send('+447700900201', 'how much does a bike cost'))).to.deep.equal([CHOICES]);
    expect(twimlMessages(await send('+447700900201', '2'))).to.deep.equal([BIKE_ANSWERS.repair]);
  });

  it('tells the team of a hand-off with the sender and profile name, then stays silent for that sender', async () => {
    const handoff = twimlMessages(await send('+447700900202', 'talk to a human', { ProfileName: 'Grace' }));
    expect(handoff[0]).to.include('Send *bot* to talk to me again.');
    const payload = JSON.parse((await receiver.waitFor(1, 10_000)).rawBody.toString('utf8')) as Record<string, unknown>;
    expect(payload).to.include({ event: 'handoff', sender: '+447700900202', profileName: 'Grace', reason: 'asked' });
    expect(await send('+447700900202', 'when are you open')).to.equal(EMPTY_RESPONSE);
  });
});

describe('twilioWebhook when the conversation store fails (createApp on an ephemeral port)', () => {
  const dir = makeTempDir();
  after(() => {
    dir.cleanup();
  });

  it('answers each message as a new one, and logs that the state could be neither read nor saved', async () => {
    dir.write('corpus/faq.csv', BIKE_SHOP_CSV);
    reindex(`${dir.path}/corpus`, `${dir.path}/index.sqlite`);
    const serving = toServingIndex(loadIndex(`${dir.path}/index.sqlite`));
    const log = captureLog();
    const unreachable = (): Promise<never> => Promise.reject(new Error('state database unreachable'));
    const store: StateStore = { get: unreachable, set: unreachable, delete: unreachable, listPaused: unreachable, close: () => Promise.resolve() };
    const app = await startTestApp(() => serving, `${dir.path}/messages.sqlite`, log.logger, {
      conversations: { store, settings: DEFAULT_CONVERSATION_SETTINGS, notifier: null },
    });
    try {
      const url = `${app.baseUrl}/bot`;
      const ask = async (text: string): Promise<string[]> => twimlMessages(await (await postSigned(url, whatsappForm(text))).text());
      expect(await ask('how much does a bike cost')).to.deep.equal([CHOICES]);
      // The choices could not be saved, so "2" is matched as a message of its own.
      expect(await ask('2')).not.to.deep.equal([BIKE_ANSWERS.repair]);
      // Each warning carries the error, so the operator sees why.
      const warnings = log.lines().filter((line) => line.level === 40).map((line) => [line.msg, (line.err as { message?: string } | undefined)?.message]);
      expect(warnings).to.deep.include(['could not read the conversation state; the message is answered as a new one', 'state database unreachable']);
      expect(warnings).to.deep.include(['could not save the conversation state; choices or a hand-off may be forgotten', 'state database unreachable']);
    } finally {
      await app.stop();
    }
  });
});
