import { expect } from 'chai';
import { webhookUrl } from '../../../src/channels/twilio/webhook-url';

describe('webhookUrl', () => {
  const direct = { requestUrl: 'http://10.0.0.5:3000/bot?x=1', publicUrl: undefined, trustProxy: false, forwardedProto: '', forwardedHost: '' };

  it('uses the request URL when neither PUBLIC_URL nor TRUST_PROXY is set, ignoring forwarded headers', () => {
    expect(webhookUrl({ ...direct, forwardedProto: 'https', forwardedHost: 'bot.example.com' })).to.equal('http://10.0.0.5:3000/bot?x=1');
  });

  it('rebuilds scheme and host from X-Forwarded-Proto and X-Forwarded-Host when TRUST_PROXY is on', () => {
    expect(webhookUrl({ ...direct, trustProxy: true, forwardedProto: 'https', forwardedHost: 'bot.example.com' })).to.equal('https://bot.example.com/bot?x=1');
  });

  it('takes the first value of a forwarded header listing several proxies', () => {
    expect(webhookUrl({ ...direct, trustProxy: true, forwardedProto: 'https, http', forwardedHost: 'bot.example.com, 10.0.0.1' })).to.equal('https://bot.example.com/bot?x=1');
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

  it('returns null for a request URL that cannot be parsed (a garbage Host header)', () => {
    expect(webhookUrl({ ...direct, requestUrl: 'http://exa mple/bot' })).to.equal(null);
  });
});
