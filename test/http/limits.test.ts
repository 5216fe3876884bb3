import { expect } from 'chai';
import { request as httpRequest } from 'node:http';
import { DEFAULT_REPLIES } from '../../src/corpus/replies';
import { captureLog } from '../helpers/log-capture';
import { logRowsFor } from '../helpers/message-log-file';
import { postRaw, postSigned, startTestServer, twimlMessages, whatsappForm, type TestServer } from '../helpers/server';

const HOURS = 'We are open 7am to 6pm Monday to Saturday, and 8am to 1pm on Sunday.';
const ADDRESS = "You'll find us at 3 Mill Lane, next to the station.";

describe('POST /bot limits (real server)', () => {
  describe('request body size', () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(undefined, { MAX_REQUEST_BYTES: '4096' });
    });
    after(async () => {
      await server.stop();
    });

    it('answers 413 to a body over MAX_REQUEST_BYTES declared by Content-Length', async () => {
      const response = await postSigned(`${server.baseUrl}/bot`, whatsappForm('x'.repeat(1_000_000)));
      expect(response.status).to.equal(413);
      expect(await response.text()).to.equal('Request body is larger than 4096 bytes');
    });

    it('answers 413 to a chunked body that grows over the limit while it is read', async () => {
      const status = await new Promise<number>((resolve, reject) => {
        const request = httpRequest(`${server.baseUrl}/bot`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        request.on('error', reject);
        request.write(`Body=${'y'.repeat(3000)}`);
        setTimeout(() => request.end('z'.repeat(3000)), 20);
      });
      expect(status).to.equal(413);
    });

    it('answers a body just under the limit', async () => {
      const response = await postSigned(`${server.baseUrl}/bot`, whatsappForm(`where are you ${'x'.repeat(3000)}`));
      expect(response.status).to.equal(200);
    });

    it('keeps serving after refusing large bodies', async () => {
      const response = await postSigned(`${server.baseUrl}/bot`, whatsappForm('where are you'));
      expect(twimlMessages(await response.text())).to.deep.equal([ADDRESS]);
    });
  });

  describe('message length (MAX_MESSAGE_CHARS)', () => {
    let server: TestServer;
    const log = captureLog();
    before(async () => {
      server = await startTestServer(undefined, { MAX_MESSAGE_CHARS: '100' }, log.logger);
    });
    after(async () => {
      await server.stop();
    });

    it('matches only the first MAX_MESSAGE_CHARS characters, and logs that it cut', async () => {
      const form = whatsappForm(`${'a'.repeat(100)} where are you`);
      const response = await postSigned(`${server.baseUrl}/bot`, form);
      expect(twimlMessages(await response.text())).to.deep.equal([DEFAULT_REPLIES.fallbackNoSuggestions]);
      const line = log.lines().find((entry) => entry.messageSid === form.MessageSid);
      expect(line).to.include({ truncated: true, fallback: 'fallback', status: 200 });
    });

    it('keeps only the text as matched in the message log, cut at MAX_MESSAGE_CHARS', async () => {
      const form = whatsappForm(`${'b'.repeat(150)} when do you open`);
      await postSigned(`${server.baseUrl}/bot`, form);
      server.running.messageLog.flush();
      expect(logRowsFor(server.config.messageLogPath, form.MessageSid!).map((row) => row.body)).to.deep.equal(['b'.repeat(100)]);
    });

    it('answers a message within the cap normally', async () => {
      const response = await postSigned(`${server.baseUrl}/bot`, whatsappForm(`${'a'.repeat(60)} where are you`));
      expect(twimlMessages(await response.text())).to.deep.equal([ADDRESS]);
    });
  });

  describe('rate limit per sender (RATE_LIMIT_MAX, RATE_LIMIT_WINDOW_MS)', () => {
    let server: TestServer;
    const log = captureLog();
    before(async () => {
      server = await startTestServer(undefined, { RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW_MS: '400' }, log.logger);
    });
    after(async () => {
      await server.stop();
    });

    const ask = async (from: string, text = 'when do you open'): Promise<string[]> => {
      const response = await postSigned(`${server.baseUrl}/bot`, whatsappForm(text, { From: from }));
      expect(response.status).to.equal(200);
      return twimlMessages(await response.text());
    };

    it('answers up to the limit, sends one polite notice, then nothing until the window passes', async () => {
      const flooder = 'whatsapp:+447700900001';
      const replies = [];
      for (let i = 0; i < 5; i++) replies.push(await ask(flooder));
      expect(replies).to.deep.equal([[HOURS], [HOURS], [DEFAULT_REPLIES.rateLimited], [], []]);
      // The request log tells the notice and the silence apart from answers.
      const fallbacks = log.lines().filter((line) => line.msg === 'request' && line.sender === 'whatsapp:+44*******001').map((line) => line.fallback);
      expect(fallbacks).to.deep.equal([null, null, 'rateLimited', 'silenced', 'silenced']);
      expect(await ask('whatsapp:+447700900002', 'where are you')).to.deep.equal([ADDRESS]);
      await new Promise((resolve) => setTimeout(resolve, 450));
      expect(await ask(flooder)).to.deep.equal([HOURS]);
    });

    it('sends no notice to a sender handed over to a person: the bot stays silent for them', async () => {
      const sender = 'whatsapp:+447700900004';
      const [handoff] = await ask(sender, 'can I talk to a person');
      expect(handoff).to.include(DEFAULT_REPLIES.human);
      // Over the limit while a person answers them: nothing, not even the notice, and the log says why.
      expect([await ask(sender), await ask(sender), await ask(sender)]).to.deep.equal([[], [], []]);
      const fallbacks = log.lines().filter((line) => line.msg === 'request' && line.sender === 'whatsapp:+44*******004').map((line) => line.fallback);
      expect(fallbacks).to.deep.equal(['human', 'paused', 'silenced', 'silenced']);
    });

    it('does not count a redelivered message against the sender', async () => {
      const sender = 'whatsapp:+447700900003';
      const form = whatsappForm('where are you', { From: sender });
      for (let i = 0; i < 4; i++) {
        const response = await postSigned(`${server.baseUrl}/bot`, form);
        expect(twimlMessages(await response.text())).to.deep.equal([ADDRESS]);
      }
      expect(await ask(sender)).to.deep.equal([HOURS]);
    });
  });

  describe('raw request edge cases', () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer();
    });
    after(async () => {
      await server.stop();
    });

    it('refuses a 1 MB unsigned body with 413 before checking the signature', async () => {
      const response = await postRaw(`${server.baseUrl}/bot`, `Body=${'q'.repeat(1_048_576)}`, { 'Content-Type': 'application/x-www-form-urlencoded' });
      expect(response.status).to.equal(413);
    });
  });
});
