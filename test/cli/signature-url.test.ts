import { expect } from 'chai';
import { describeSignatureUrl } from '../../src/cli/signature-url';

describe('describeSignatureUrl', () => {
  const base = { publicUrl: undefined, trustProxy: false, publicHosts: [] as string[], skipTwilioSignature: false };

  it('names the exact URL when PUBLIC_URL is set, bare or with /bot or a base path', () => {
    expect(describeSignatureUrl({ ...base, publicUrl: 'https://abc123.ngrok-free.app' })).to.equal('https://abc123.ngrok-free.app/bot');
    expect(describeSignatureUrl({ ...base, publicUrl: 'https://abc123.ngrok-free.app/bot' })).to.equal('https://abc123.ngrok-free.app/bot');
    expect(describeSignatureUrl({ ...base, publicUrl: 'https://example.com/faqbot', trustProxy: true })).to.equal('https://example.com/faqbot/bot');
  });

  it('says where the URL comes from without PUBLIC_URL, and which hosts are allowed', () => {
    expect(describeSignatureUrl({ ...base, trustProxy: true, publicHosts: ['bot.example.com'] })).to.equal(
      'the URL rebuilt from X-Forwarded-Proto and X-Forwarded-Host + /bot (hosts allowed: bot.example.com)',
    );
    expect(describeSignatureUrl(base)).to.match(/^the URL each request was sent to \(its Host header\) \+ \/bot; set PUBLIC_URL/);
    expect(describeSignatureUrl({ ...base, skipTwilioSignature: true })).to.equal('none: SKIP_TWILIO_SIGNATURE is on');
  });
});
