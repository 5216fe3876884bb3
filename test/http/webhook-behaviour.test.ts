import Database from 'better-sqlite3';
import { expect } from 'chai';
import { TWILIO_MESSAGE_LIMIT } from '../../src/channels/twilio/split-message';
import { DEFAULT_REPLIES } from '../../src/corpus/replies';
import { loadIndex } from '../../src/index/load-index';
import { reindex } from '../../src/index/reindex';
import { toServingIndex } from '../../src/server/serving-index';
import { BAKERY_CSV } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/app';
import { captureLog } from '../helpers/log-capture';
import { postSigned, startTestServer, TEST_AUTH_TOKEN, twimlMessages, whatsappForm, type TestServer } from '../helpers/server';
import { makeTempDir } from '../helpers/temp-dir';

const HOURS = 'We are open 7am to 6pm Monday to Saturday, and 8am to 1pm on Sunday.';
const ADDRESS = "You'll find us at 3 Mill Lane, next to the station.";

/** A long answer of three paragraphs, 4,000-odd characters, as an editor might paste terms and conditions. */
const PARAGRAPH = (topic: string): string => `${`Our ${topic} policy covers every order placed in the shop or by phone. `.repeat(20).trim()}`;
const LONG_ANSWER = [PARAGRAPH('refund'), PARAGRAPH('allergy'), PARAGRAPH('delivery')].join('\n\n');
const LONG_CSV = `${BAKERY_CSV}terms,what are your terms and conditions,"${LONG_ANSWER}",Orders\n`;

describe('POST /bot behaviour (real server)', () => {
  let server: TestServer;
  const log = captureLog();
  before(async () => {
    server = await startTestServer(LONG_CSV, {}, log.logger);
  });
  after(async () => {
    await server.stop();
  });
  const url = (): string => `${server.baseUrl}/bot`;
  const rowsFor = (sid: string): number => {
    server.running.messageLog.flush();
    const db = new Database(server.config.messageLogPath, { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM messages WHERE message_sid = ?').get(sid) as { n: number }).n;
    } finally {
      db.close();
    }
  };

  describe('a redelivered MessageSid', () => {
    it('gets the same reply again and is recorded once', async () => {
      const form = whatsappForm('when do you open');
      const first = await (await postSigned(url(), form)).text();
      const second = await (await postSigned(url(), form)).text();
      expect(twimlMessages(first)).to.deep.equal([HOURS]);
      expect(second).to.equal(first);
      expect(rowsFor(form.MessageSid!)).to.equal(1);
      const lines = log.lines().filter((line) => line.messageSid === form.MessageSid);
      expect(lines.map((line) => line.replayed)).to.deep.equal([false, true]);
    });

    it('gets the first reply even if the index changed its answer in between (the reply is stored, not recomputed)', async () => {
      const form = whatsappForm('where are you');
      await postSigned(url(), form);
      const replay = await postSigned(url(), { ...form, Body: 'do you deliver' });
      // A different Body means a different signature, so it is re-signed: the point is that the stored reply wins.
      expect(twimlMessages(await replay.text())).to.deep.equal([ADDRESS]);
    });

    it('gets one reply and one row when eight deliveries arrive together', async () => {
      // In one process the answer is computed without awaiting, so these deliveries are answered one after another: the
      // race itself is made in test/channels/twilio/replay-guard.test.ts (a slow answering step) and in
      // test/server/message-log.test.ts (two serve processes on one log).
      const form = whatsappForm('do you deliver');
      const bodies = await Promise.all(Array.from({ length: 8 }, async () => (await postSigned(url(), form)).text()));
      expect(new Set(bodies).size).to.equal(1);
      expect(rowsFor(form.MessageSid!)).to.equal(1);
    });
  });

  describe('a long answer', () => {
    it('is split at paragraph breaks into several <Message> elements, each within 1,600 characters, nothing lost', async () => {
      const response = await postSigned(url(), whatsappForm('what are your terms and conditions'));
      const messages = twimlMessages(await response.text());
      expect(LONG_ANSWER.length).to.be.greaterThan(2 * TWILIO_MESSAGE_LIMIT);
      expect(messages).to.deep.equal([PARAGRAPH('refund'), PARAGRAPH('allergy'), PARAGRAPH('delivery')]);
      expect(messages.every((message) => message.length <= TWILIO_MESSAGE_LIMIT)).to.equal(true);
    });
  });

  describe('other message kinds', () => {
    it('answers media without text with the media reply', async () => {
      const form = whatsappForm('', { NumMedia: '1', MessageType: 'image', MediaContentType0: 'image/jpeg', MediaUrl0: 'https://api.twilio.com/media/1' });
      expect(twimlMessages(await (await postSigned(url(), form)).text())).to.deep.equal([DEFAULT_REPLIES.media]);
    });

    it('answers media with a caption from the caption', async () => {
      const form = whatsappForm('where are you', { NumMedia: '1', MessageType: 'image', MediaContentType0: 'image/jpeg', MediaUrl0: 'https://api.twilio.com/media/1' });
      expect(twimlMessages(await (await postSigned(url(), form)).text())).to.deep.equal([ADDRESS]);
    });

    it('answers a shared location with the location reply', async () => {
      const form = whatsappForm('', { MessageType: 'location', Latitude: '51.5072', Longitude: '-0.1276', Address: '10 Downing St', Label: 'Home' });
      expect(twimlMessages(await (await postSigned(url(), form)).text())).to.deep.equal([DEFAULT_REPLIES.location]);
    });

    it('answers a tapped button from its text', async () => {
      const form = whatsappForm('', { MessageType: 'button', ButtonText: 'When do you open?', ButtonPayload: 'hours' });
      expect(twimlMessages(await (await postSigned(url(), form)).text())).to.deep.equal([HOURS]);
    });
  });

  describe('logs', () => {
    it('writes one JSON line per request with id, masked sender, answer, score, fallback and latency', async () => {
      const form = whatsappForm('when do you open', { From: 'whatsapp:+447700900555' });
      const response = await postSigned(url(), form);
      const requestId = response.headers.get('x-request-id');
      const lines = log.lines().filter((line) => line.reqId === requestId);
      expect(lines).to.have.length(1);
      const line = lines[0]!;
      expect(line).to.include({ msg: 'request', method: 'POST', path: '/bot', status: 200, sender: 'whatsapp:+44*******555', answerId: 'opening-hours', fallback: null, messages: 1 });
      expect(line.score).to.be.a('number').within(0.3, 1);
      expect(line.latencyMs).to.be.a('number').within(0, 5000);
    });

    it('never writes the auth token or a full sender number, even on refused requests', async () => {
      await postSigned(url(), whatsappForm('hi', { From: 'whatsapp:+447700900777' }), { token: 'wrong-token' });
      await postSigned(url(), whatsappForm('hi', { From: 'whatsapp:+447700900777' }));
      const raw = log.raw();
      expect(raw).to.include('whatsapp:+44*******777');
      expect(raw).not.to.include('447700900777');
      expect(raw).not.to.include(TEST_AUTH_TOKEN);
    });

    it('redacts the token from any logged object that carries it', () => {
      const own = captureLog();
      own.logger.info({ config: { twilioAuthToken: TEST_AUTH_TOKEN }, twilio: { authToken: TEST_AUTH_TOKEN } }, 'settings');
      expect(own.raw()).not.to.include(TEST_AUTH_TOKEN);
      expect(own.lines()[0]).to.deep.include({ config: { twilioAuthToken: '[redacted]' }, twilio: { authToken: '[redacted]' } });
    });
  });
});

describe('POST /bot when answering throws (real Koa app on an ephemeral port)', () => {
  const dir = makeTempDir();
  const log = captureLog();
  let app: TestApp;
  let url: string;
  before(async () => {
    dir.write('corpus/faq.csv', BAKERY_CSV);
    reindex(`${dir.path}/corpus`, `${dir.path}/index.sqlite`);
    const serving = { ...toServingIndex(loadIndex(`${dir.path}/index.sqlite`)), bot: { reply: (): never => { throw new Error('matcher exploded'); }, answer: () => null } };
    app = await startTestApp(() => serving, `${dir.path}/messages.sqlite`, log.logger);
    url = `${app.baseUrl}/bot`;
  });
  after(async () => {
    await app.stop();
    dir.cleanup();
  });

  it('still answers 200 with valid TwiML holding the apology', async () => {
    const response = await postSigned(url, whatsappForm('when do you open'));
    expect(response.status).to.equal(200);
    const xml = await response.text();
    expect(xml).to.equal(`<?xml version="1.0" encoding="UTF-8"?><Response><Message>${DEFAULT_REPLIES.apology}</Message></Response>`);
  });

  it('logs the error with the request id that the response carries', async () => {
    const response = await postSigned(url, whatsappForm('where are you'));
    const requestId = response.headers.get('x-request-id');
    expect(requestId).to.match(/^[0-9a-f-]{36}$/);
    const lines = log.lines().filter((line) => line.reqId === requestId);
    expect(lines.map((line) => [line.level, line.msg])).to.deep.equal([
      [50, 'answering a message failed; sent the apology reply instead'],
      [30, 'request'],
    ]);
    expect((lines[0]!.err as { message: string }).message).to.equal('matcher exploded');
    expect(lines[1]).to.include({ status: 200, fallback: 'error' });
  });
});

describe('POST /bot behind a proxy (TRUST_PROXY)', () => {
  let trusting: TestServer;
  let plain: TestServer;
  before(async () => {
    trusting = await startTestServer(undefined, { TRUST_PROXY: 'true' });
    plain = await startTestServer();
  });
  after(async () => {
    await trusting.stop();
    await plain.stop();
  });
  const forwarded = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'bot.example.com' };

  it('accepts a request signed for the public URL rebuilt from X-Forwarded-Proto and X-Forwarded-Host', async () => {
    const response = await postSigned(`${trusting.baseUrl}/bot`, whatsappForm('where are you'), { signedUrl: 'https://bot.example.com/bot', headers: forwarded });
    expect(response.status).to.equal(200);
    expect(twimlMessages(await response.text())).to.deep.equal([ADDRESS]);
  });

  it('refuses a request whose forwarded host differs from the signed one', async () => {
    const response = await postSigned(`${trusting.baseUrl}/bot`, whatsappForm('where are you'), {
      signedUrl: 'https://bot.example.com/bot',
      headers: { ...forwarded, 'X-Forwarded-Host': 'attacker.example.net' },
    });
    expect(response.status).to.equal(403);
  });

  it('ignores forwarded headers unless TRUST_PROXY is on', async () => {
    const response = await postSigned(`${plain.baseUrl}/bot`, whatsappForm('where are you'), { signedUrl: 'https://bot.example.com/bot', headers: forwarded });
    expect(response.status).to.equal(403);
  });
});
