import { expect } from 'chai';
import { request as httpRequest } from 'node:http';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { captureLog } from '../../helpers/log-capture';
import { postRaw, postSigned, startTestServer, TEST_AUTH_TOKEN, twimlMessages, whatsappForm, type TestServer } from '../../helpers/server';

const ADDRESS = "You'll find us at 3 Mill Lane, next to the station.";

/** Posts a signed form with the request target in absolute form (`POST http://host/bot`), which picks Koa's ctx.href. */
function postAbsoluteForm(baseUrl: string, target: string, form: Record<string, string>, signedUrl: string): Promise<number> {
  const { port } = new URL(baseUrl);
  const body = new URLSearchParams(form).toString();
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: target,
        headers: {
          Host: new URL(target).host,
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Twilio-Signature': getExpectedTwilioSignature(TEST_AUTH_TOKEN, signedUrl, form),
        },
        agent: false,
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

describe('the Twilio signature check (real server)', () => {
  describe('without TWILIO_AUTH_TOKEN', () => {
    let server: TestServer;
    const log = captureLog();
    before(async () => {
      server = await startTestServer(undefined, { TWILIO_AUTH_TOKEN: '' }, log.logger);
    });
    after(async () => {
      await server.stop();
    });

    it('refuses even a correctly signed request with 403, and says to set the token', async () => {
      const response = await postSigned(`${server.baseUrl}/bot`, whatsappForm('where are you'));
      expect(response.status).to.equal(403);
      expect(await response.text()).to.equal('Twilio signature cannot be checked: the server has no auth token');
      const line = log.lines().find((entry) => entry.reqId === response.headers.get('x-request-id') && entry.level === 40);
      expect(line?.msg).to.match(/^Refused a webhook request: TWILIO_AUTH_TOKEN is not set/);
    });
  });

  describe('refusing a bad signature', () => {
    let server: TestServer;
    const log = captureLog();
    before(async () => {
      server = await startTestServer(undefined, {}, log.logger);
    });
    after(async () => {
      await server.stop();
    });
    const refusalOf = (response: Response): Record<string, unknown> | undefined =>
      log.lines().find((entry) => entry.reqId === response.headers.get('x-request-id') && entry.level === 40);

    it('says whether the header was missing or did not match, with the URL checked, and gives the long advice once per process', async () => {
      const url = `${server.baseUrl}/bot`;
      const form = new URLSearchParams(whatsappForm('where are you')).toString();
      const unsigned = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form });
      const wrong = await postSigned(url, whatsappForm('where are you'), { token: 'not-the-token' });
      expect([unsigned.status, wrong.status]).to.deep.equal([403, 403]);
      expect(await unsigned.text()).to.equal('Invalid Twilio signature');
      expect(refusalOf(unsigned)).to.include({ msg: 'Refused a webhook request: no X-Twilio-Signature header for the URL shown.', url });
      expect(refusalOf(wrong)).to.include({ msg: 'Refused a webhook request: the signature does not match for the URL shown.', url });
      expect(log.lines().filter((entry) => typeof entry.msg === 'string' && entry.msg.startsWith('The URL checked must be exactly the webhook URL configured at Twilio'))).to.have.length(1);
    });

    it('refuses a request whose Host is not an address, saying so', async () => {
      const response = await postRaw(`${server.baseUrl}/bot`, new URLSearchParams(whatsappForm('hi')).toString(), {
        Host: 'exa mple.com',
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Twilio-Signature': 'x',
      });
      expect([response.status, response.body]).to.deep.equal([403, 'Invalid Twilio signature']);
      const line = log.lines().find((entry) => entry.reqId === response.headers['x-request-id'] && entry.level === 40);
      expect(line).to.include({ msg: 'Refused a webhook request: its Host (or X-Forwarded-Host) is not a valid address.', host: 'exa mple.com' });
    });
  });

  // Started inside the test: the middleware is built when the server starts, and a mutant in that setup is then seen by this test.
  it('gives the whole URL advice once per server, not once per refusal', async () => {
    const own = captureLog();
    const server = await startTestServer(undefined, {}, own.logger);
    try {
      for (let i = 0; i < 3; i++) expect((await postSigned(`${server.baseUrl}/bot`, whatsappForm('hi'), { token: 'not-the-token' })).status).to.equal(403);
      expect(own.lines().filter((entry) => typeof entry.msg === 'string' && entry.msg.startsWith('The URL checked')).map((entry) => entry.msg)).to.deep.equal([
        'The URL checked must be exactly the webhook URL configured at Twilio: set PUBLIC_URL to the public address (e.g. the ngrok https address), ' +
          'or TRUST_PROXY=true with PUBLIC_HOSTS behind a proxy that sets X-Forwarded-Proto and X-Forwarded-Host, and check TWILIO_AUTH_TOKEN.',
      ]);
    } finally {
      await server.stop();
    }
  });

  describe('with SKIP_TWILIO_SIGNATURE (local development)', () => {
    it('answers an unsigned request, and warns at start that anyone may post', async () => {
      const own = captureLog();
      const server = await startTestServer(undefined, { SKIP_TWILIO_SIGNATURE: 'true', NODE_ENV: 'test' }, own.logger);
      try {
        const response = await fetch(`${server.baseUrl}/bot`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(whatsappForm('where are you')).toString(),
        });
        expect(response.status).to.equal(200);
        expect(twimlMessages(await response.text())).to.deep.equal([ADDRESS]);
        expect(own.lines().filter((entry) => entry.level === 40).map((entry) => entry.msg)).to.deep.equal([
          'SKIP_TWILIO_SIGNATURE is on: /bot accepts requests from anyone. Use this for local development only.',
        ]);
      } finally {
        await server.stop();
      }
    });
  });

  describe('with PUBLIC_URL as the full webhook URL, or with a base path', () => {
    let full: TestServer;
    let prefixed: TestServer;
    before(async () => {
      full = await startTestServer(undefined, { PUBLIC_URL: 'https://abc.ngrok-free.app/bot' });
      prefixed = await startTestServer(undefined, { PUBLIC_URL: 'https://example.com/faqbot/' });
    });
    after(async () => {
      await full.stop();
      await prefixed.stop();
    });

    it('accepts a signature for the full webhook URL given as PUBLIC_URL, and no other', async () => {
      const ok = await postSigned(`${full.baseUrl}/bot`, whatsappForm('where are you'), { signedUrl: 'https://abc.ngrok-free.app/bot' });
      expect(twimlMessages(await ok.text())).to.deep.equal([ADDRESS]);
      const doubled = await postSigned(`${full.baseUrl}/bot`, whatsappForm('where are you'), { signedUrl: 'https://abc.ngrok-free.app/bot/bot' });
      expect(doubled.status).to.equal(403);
    });

    it('puts the base path of PUBLIC_URL in front of /bot', async () => {
      const ok = await postSigned(`${prefixed.baseUrl}/bot`, whatsappForm('where are you'), { signedUrl: 'https://example.com/faqbot/bot' });
      expect(twimlMessages(await ok.text())).to.deep.equal([ADDRESS]);
      const bare = await postSigned(`${prefixed.baseUrl}/bot`, whatsappForm('where are you'), { signedUrl: 'https://example.com/bot' });
      expect(bare.status).to.equal(403);
    });
  });

  describe('with PUBLIC_HOSTS, when PUBLIC_URL is unset', () => {
    let proxied: TestServer;
    let direct: TestServer;
    const log = captureLog();
    before(async () => {
      proxied = await startTestServer(undefined, { TRUST_PROXY: 'true', PUBLIC_HOSTS: 'bot.example.com' }, log.logger);
      direct = await startTestServer(undefined, { PUBLIC_HOSTS: 'bot.example.com' }, log.logger);
    });
    after(async () => {
      await proxied.stop();
      await direct.stop();
    });
    const staging = 'https://staging.example.com/bot';

    it('accepts the listed host forwarded by the proxy', async () => {
      const ok = await postSigned(`${proxied.baseUrl}/bot`, whatsappForm('where are you'), {
        signedUrl: 'https://bot.example.com/bot',
        headers: { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'bot.example.com' },
      });
      expect(ok.status).to.equal(200);
    });

    it("refuses a signature made for the account's other webhook when X-Forwarded-Host names it", async () => {
      const response = await postSigned(`${proxied.baseUrl}/bot`, whatsappForm('where are you'), {
        signedUrl: staging,
        headers: { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'staging.example.com' },
      });
      expect(response.status).to.equal(403);
      expect(log.lines().find((entry) => entry.reqId === response.headers.get('x-request-id') && entry.level === 40)).to.include({
        msg: 'Refused a webhook request: its host is not in PUBLIC_HOSTS.',
        forwardedHost: 'staging.example.com',
      });
    });

    it('refuses it when the Host header names it', async () => {
      const post = (host: string) => {
        const form = whatsappForm('where are you');
        return postRaw(`${direct.baseUrl}/bot`, new URLSearchParams(form).toString(), {
          Host: host,
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Twilio-Signature': getExpectedTwilioSignature(TEST_AUTH_TOKEN, `http://${host}/bot`, form),
        });
      };
      expect((await post('staging.example.com')).status).to.equal(403);
      expect((await post('bot.example.com')).status).to.equal(200);
    });

    it('refuses it when an absolute request target names it', async () => {
      expect(await postAbsoluteForm(direct.baseUrl, 'http://staging.example.com/bot', whatsappForm('where are you'), 'http://staging.example.com/bot')).to.equal(403);
      expect(await postAbsoluteForm(direct.baseUrl, 'http://bot.example.com/bot', whatsappForm('where are you'), 'http://bot.example.com/bot')).to.equal(200);
    });
  });

  describe('a signature made for the URL with its default port (:443), which Twilio may sign', () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(undefined, { PUBLIC_URL: 'https://abc.ngrok-free.app' });
    });
    after(async () => {
      await server.stop();
    });

    it("is accepted, as twilio's validateRequest accepts it, and a signature for another port is not", async () => {
      const ok = await postSigned(`${server.baseUrl}/bot`, whatsappForm('where are you'), { signedUrl: 'https://abc.ngrok-free.app:443/bot' });
      expect(twimlMessages(await ok.text())).to.deep.equal([ADDRESS]);
      const other = await postSigned(`${server.baseUrl}/bot`, whatsappForm('where are you'), { signedUrl: 'https://abc.ngrok-free.app:8443/bot' });
      expect(other.status).to.equal(403);
    });
  });
});
