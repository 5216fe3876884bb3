import { expect } from 'chai';
import { signedUrl, webhookUrl } from '../../../src/channels/twilio/webhook-url';

describe('webhookUrl', () => {
  const direct = { requestUrl: 'http://10.0.0.5:3000/bot?x=1', publicUrl: undefined, trustProxy: false, forwardedProto: '', forwardedHost: '', allowedHosts: [] };

  it('uses the request URL when neither PUBLIC_URL nor TRUST_PROXY is set, ignoring forwarded headers', () => {
    expect(webhookUrl({ ...direct, forwardedProto: 'https', forwardedHost: 'bot.example.com' })).to.equal('http://10.0.0.5:3000/bot?x=1');
  });

  it('rebuilds scheme and host from X-Forwarded-Proto and X-Forwarded-Host when TRUST_PROXY is on', () => {
    expect(webhookUrl({ ...direct, trustProxy: true, forwardedProto: 'https', forwardedHost: 'bot.example.com' })).to.equal('https://bot.example.com/bot?x=1');
  });

  it('takes the first value of a forwarded header listing several proxies', () => {
    expect(webhookUrl({ ...direct, trustProxy: true, forwardedProto: 'https, http', forwardedHost: 'bot.example.com, 10.0.0.1' })).to.equal('https://bot.example.com/bot?x=1');
    expect(webhookUrl({ ...direct, trustProxy: true, forwardedProto: 'https , http', forwardedHost: 'bot.example.com , 10.0.0.1' })).to.equal('https://bot.example.com/bot?x=1');
  });

  it('keeps the request scheme and host when the forwarded headers are absent', () => {
    expect(webhookUrl({ ...direct, trustProxy: true })).to.equal('http://10.0.0.5:3000/bot?x=1');
  });

  it('lets PUBLIC_URL win over forwarded headers', () => {
    expect(webhookUrl({ ...direct, publicUrl: 'https://abc.ngrok-free.app', trustProxy: true, forwardedProto: 'http', forwardedHost: 'other.example.com' })).to.equal(
      'https://abc.ngrok-free.app/bot?x=1',
    );
  });

  it('returns null for a forwarded host that is not a host', () => {
    expect(webhookUrl({ ...direct, trustProxy: true, forwardedHost: 'evil.example.com/path' })).to.equal(null);
    expect(webhookUrl({ ...direct, trustProxy: true, forwardedHost: 'a b' })).to.equal(null);
  });

  it('reads the forwarded scheme in any case, and keeps the request\'s own for one that is not http or https', () => {
    expect(webhookUrl({ ...direct, trustProxy: true, forwardedProto: 'HTTPS', forwardedHost: 'bot.example.com' })).to.equal('https://bot.example.com/bot?x=1');
    expect(webhookUrl({ ...direct, trustProxy: true, forwardedProto: 'ftp', forwardedHost: 'bot.example.com' })).to.equal('http://bot.example.com/bot?x=1');
    expect(webhookUrl({ ...direct, requestUrl: 'https://10.0.0.5/bot', trustProxy: true, forwardedProto: 'http' })).to.equal('http://10.0.0.5/bot');
  });

  it('returns null for a forwarded host carrying a user, a query or a fragment', () => {
    for (const forwardedHost of ['user@bot.example.com', 'bot.example.com?x=1', 'bot.example.com#top']) {
      expect(webhookUrl({ ...direct, trustProxy: true, forwardedHost }), forwardedHost).to.equal(null);
    }
  });

  it('returns null for a request URL that cannot be parsed (a garbage Host header)', () => {
    expect(webhookUrl({ ...direct, requestUrl: 'http://exa mple/bot' })).to.equal(null);
  });

  describe('with PUBLIC_HOSTS (allowedHosts)', () => {
    const allowed = { ...direct, allowedHosts: ['bot.example.com'] };

    it('accepts a forwarded host in the list', () => {
      expect(webhookUrl({ ...allowed, trustProxy: true, forwardedProto: 'https', forwardedHost: 'BOT.example.com' })).to.equal('https://bot.example.com/bot?x=1');
    });

    it('refuses a forwarded host outside the list, such as the account\'s staging webhook', () => {
      expect(webhookUrl({ ...allowed, trustProxy: true, forwardedProto: 'https', forwardedHost: 'staging.example.com' })).to.equal(null);
    });

    it('refuses a Host header or absolute request target outside the list when proxies are not trusted', () => {
      expect(webhookUrl({ ...allowed, requestUrl: 'https://staging.example.com/bot' })).to.equal(null);
      expect(webhookUrl({ ...allowed, requestUrl: 'http://bot.example.com/bot' })).to.equal('http://bot.example.com/bot');
    });

    it('needs the port listed when it is not the default', () => {
      expect(webhookUrl({ ...allowed, trustProxy: true, forwardedProto: 'https', forwardedHost: 'bot.example.com:8443' })).to.equal(null);
      expect(webhookUrl({ ...allowed, allowedHosts: ['bot.example.com:8443'], trustProxy: true, forwardedProto: 'https', forwardedHost: 'bot.example.com:8443' })).to.equal(
        'https://bot.example.com:8443/bot?x=1',
      );
    });

    it("accepts a host listed with its scheme's default port, which URLs leave out, and only for that scheme", () => {
      const withPort = { ...allowed, allowedHosts: ['bot.example.com:443'], trustProxy: true, forwardedHost: 'bot.example.com' };
      expect(webhookUrl({ ...withPort, forwardedProto: 'https' })).to.equal('https://bot.example.com/bot?x=1');
      expect(webhookUrl({ ...withPort, forwardedProto: 'https', forwardedHost: 'bot.example.com:443' })).to.equal('https://bot.example.com/bot?x=1');
      expect(webhookUrl({ ...withPort, forwardedProto: 'http' })).to.equal(null);
      expect(webhookUrl({ ...withPort, forwardedProto: 'https', forwardedHost: 'bot.example.com:8443' })).to.equal(null);
      expect(webhookUrl({ ...withPort, allowedHosts: ['bot.example.com:80'], forwardedProto: 'http' })).to.equal('http://bot.example.com/bot?x=1');
    });
  });
});

describe('signedUrl', () => {
  it('appends the request path and query to a bare PUBLIC_URL', () => {
    expect(signedUrl('http://127.0.0.1:3000/bot?a=1', 'https://abc.ngrok-free.app')).to.equal('https://abc.ngrok-free.app/bot?a=1');
  });

  it('uses a PUBLIC_URL that is already the full webhook URL as it is, with or without a trailing slash', () => {
    expect(signedUrl('http://127.0.0.1:3000/bot', 'https://abc.ngrok-free.app/bot')).to.equal('https://abc.ngrok-free.app/bot');
    expect(signedUrl('http://127.0.0.1:3000/bot', 'https://abc.ngrok-free.app/bot/')).to.equal('https://abc.ngrok-free.app/bot');
    expect(signedUrl('http://127.0.0.1:3000/bot', 'https://abc.ngrok-free.app/bot//')).to.equal('https://abc.ngrok-free.app/bot');
  });

  it('uses a full webhook URL under a base path as it is', () => {
    expect(signedUrl('http://127.0.0.1:3000/bot?x=1', 'https://example.com/faqbot/bot')).to.equal('https://example.com/faqbot/bot?x=1');
  });

  it('keeps a base path of PUBLIC_URL in front of the request path (an app mounted under a prefix by the proxy)', () => {
    expect(signedUrl('http://127.0.0.1:3000/bot', 'https://example.com/faqbot')).to.equal('https://example.com/faqbot/bot');
    expect(signedUrl('http://127.0.0.1:3000/bot?x=1', 'https://example.com/faqbot/')).to.equal('https://example.com/faqbot/bot?x=1');
  });

  it('takes scheme, host and port from PUBLIC_URL, never from the request', () => {
    expect(signedUrl('https://staging.example.com:8443/bot', 'https://bot.example.com')).to.equal('https://bot.example.com/bot');
  });
});
