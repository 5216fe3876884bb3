import { expect } from 'chai';
import { maskSender } from '../../src/log/mask-sender';

describe('maskSender', () => {
  it('keeps the channel, the country code digits and the last three digits of a WhatsApp number', () => {
    expect(maskSender('whatsapp:+447700900123')).to.equal('whatsapp:+44*******123');
  });

  it('masks a bare number the same way', () => {
    expect(maskSender('+14155238886')).to.equal('+14******886');
  });

  it('masks every digit of a very short number', () => {
    expect(maskSender('whatsapp:+1234')).to.equal('whatsapp:+****');
  });

  it('hides a sender that is not a number entirely', () => {
    expect(maskSender('messenger:ada.lovelace')).to.equal('********');
    expect(maskSender('')).to.equal('');
  });

  it('hides a number with text folded in after it, even when that text ends in digits', () => {
    expect(maskSender('whatsapp:+447700900123MessageSidSMec8e12b0a5eb4fc68e173f1c5db95b20')).to.equal('********');
  });
});
