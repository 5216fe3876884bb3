import { expect } from 'chai';
import { type AppDependencies } from '../../src/http/app';
import { loadIndex } from '../../src/index/load-index';
import { reindex } from '../../src/index/reindex';
import { toServingIndex } from '../../src/server/serving-index';
import { startTestApp } from '../helpers/app';
import { BAKERY_CSV } from '../helpers/fixtures';
import { captureLog } from '../helpers/log-capture';
import { postSigned, startTestServer, twimlMessages, whatsappForm, type TestServer } from '../helpers/server';
import { makeTempDir } from '../helpers/temp-dir';

describe('the webhook server (real server on an ephemeral port)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.stop();
  });

  describe('GET /health', () => {
    it('reports the loaded index', async () => {
      const response = await fetch(`${server.baseUrl}/health`);
      expect(response.status).to.equal(200);
      const body = (await response.json()) as { status: string; index: { answers: number; questions: number; builtAt: string } };
      expect(body.status).to.equal('ok');
      expect(body.index.answers).to.equal(5);
      expect(body.index.questions).to.equal(16);
      expect(Date.parse(body.index.builtAt)).to.be.closeTo(Date.now(), 60_000);
    });
  });

  describe('POST /bot', () => {
    it('answers a signed paraphrase with the matching answer as TwiML', async () => {
      const response = await postSigned(`${server.baseUrl}/bot`, whatsappForm('when do you open on Sundays?'));
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.match(/^text\/xml/);
      const xml = await response.text();
      expect(xml).to.match(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Message>/);
      expect(twimlMessages(xml)).to.deep.equal(['We are open 7am to 6pm Monday to Saturday, and 8am to 1pm on Sunday.']);
    });

    it('answers a greeting with the greeting rule', async () => {
      const xml = await (await postSigned(`${server.baseUrl}/bot`, whatsappForm('Hello!'))).text();
      expect(twimlMessages(xml)[0]).to.match(/^Hello!/);
    });

    it('answers media without text with the media reply', async () => {
      const form = whatsappForm('', { NumMedia: '1', MediaContentType0: 'image/jpeg', MediaUrl0: 'https://api.twilio.com/media/1' });
      const xml = await (await postSigned(`${server.baseUrl}/bot`, form)).text();
      expect(twimlMessages(xml)[0]).to.match(/I can only read text/);
    });

    it('refuses an unsigned request with 403', async () => {
      const response = await fetch(`${server.baseUrl}/bot`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(whatsappForm('when do you open')).toString(),
      });
      expect(response.status).to.equal(403);
    });

    it('refuses a request whose body was changed after signing with 403', async () => {
      const form = whatsappForm('when do you open');
      const tampered = new URLSearchParams({ ...form, Body: 'when do you close' }).toString();
      const response = await postSigned(`${server.baseUrl}/bot`, form, { sentBody: tampered });
      expect(response.status).to.equal(403);
    });

    it('checks the signature against PUBLIC_URL when set, as Twilio signs the public address', async () => {
      const behindTunnel = await startTestServer(undefined, { PUBLIC_URL: 'https://abc123.ngrok-free.app' });
      try {
        const form = whatsappForm('where are you');
        const local = `${behindTunnel.baseUrl}/bot`;
        const accepted = await postSigned(local, form, { signedUrl: 'https://abc123.ngrok-free.app/bot' });
        expect(accepted.status).to.equal(200);
        expect(twimlMessages(await accepted.text())).to.deep.equal(["You'll find us at 3 Mill Lane, next to the station."]);
        const refused = await postSigned(local, form);
        expect(refused.status).to.equal(403);
      } finally {
        await behindTunnel.stop();
      }
    });

    it('refuses a request signed with another auth token with 403', async () => {
      const response = await postSigned(`${server.baseUrl}/bot`, whatsappForm('when do you open'), { token: 'someone-elses-token' });
      expect(response.status).to.equal(403);
    });
  });
});

describe('GET /health on corpus errors and edits (createApp on an ephemeral port)', () => {
  const dir = makeTempDir();
  before(() => {
    dir.write('corpus/faq.csv', BAKERY_CSV);
    reindex(`${dir.path}/corpus`, `${dir.path}/index.sqlite`);
  });
  after(() => {
    dir.cleanup();
  });

  /** The `corpus` part of /health from an app serving the test index with `errors` corpus errors and `corpusStale` as given. */
  const corpusHealth = async (errors: number, corpusStale: AppDependencies['corpusStale']): Promise<unknown> => {
    const log = captureLog();
    const serving = toServingIndex(loadIndex(`${dir.path}/index.sqlite`), {}, { errors });
    const app = await startTestApp(() => serving, `${dir.path}/messages.sqlite`, log.logger, corpusStale === undefined ? {} : { corpusStale });
    try {
      const response = await fetch(`${app.baseUrl}/health`);
      expect(response.status).to.equal(200);
      return ((await response.json()) as { corpus: unknown }).corpus;
    } finally {
      await app.stop();
    }
  };

  it('is fresh with no errors and no edit, and when nobody says whether the corpus changed', async () => {
    expect(await corpusHealth(0, () => false)).to.deep.equal({ errors: 0, stale: false });
    expect(await corpusHealth(0, undefined)).to.deep.equal({ errors: 0, stale: false });
  });

  it('is stale after an edit, and while the corpus has errors (the last good index answers)', async () => {
    expect(await corpusHealth(0, () => true)).to.deep.equal({ errors: 0, stale: true });
    expect(await corpusHealth(2, () => false)).to.deep.equal({ errors: 2, stale: true });
  });
});
