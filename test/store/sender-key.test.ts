import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { senderAddresses, senderHash, senderNumber } from '../../src/store/sender-key';

describe('senderNumber', () => {
  it('reads the number from a Twilio address or from what an operator types', () => {
    for (const typed of ['whatsapp:+447700900123', ' whatsapp:+447700900123\n', '+447700900123', '+44 7700 900123', 'WhatsApp: +44 (7700) 900-123', '447700900123']) {
      expect(senderNumber(typed), typed).to.equal('+447700900123');
    }
  });

  it('gives null for text that is not a phone number', () => {
    for (const typed of ['', 'whatsapp:', 'Ada Lovelace', '+44', '+1234567890123456', 'messenger:12x34', '++447700900123', '+4477009 x:00123']) {
      expect(senderNumber(typed), typed).to.equal(null);
    }
  });
});

describe('senderAddresses and senderHash', () => {
  it('list the From values Twilio sends for a number: SMS and WhatsApp', () => {
    expect(senderAddresses('+447700900123')).to.deep.equal(['+447700900123', 'whatsapp:+447700900123']);
  });

  it('hash every form of one number alike, and different numbers differently', () => {
    expect(senderHash('whatsapp:+447700900123')).to.equal(senderHash('+44 7700 900123'));
    expect(senderHash('whatsapp:+447700900123')).to.not.equal(senderHash('whatsapp:+447700900124'));
    expect(senderHash('whatsapp:+447700900123')).to.match(/^[0-9a-f]{64}$/);
    // Something that is no number is hashed as written, ignoring case and the spaces around it.
    expect(senderHash('  Someone@Example ')).to.equal(senderHash('someone@example'));
    expect(senderHash('someone@example')).to.not.equal(senderHash('someone-else@example'));
  });

  it('are the SHA-256 of the number, or of what is no number in lower case, so marks written by another version or store still match', () => {
    const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
    expect(senderHash('whatsapp:+447700900123')).to.equal(sha256('+447700900123'));
    expect(senderHash(' Someone@Example ')).to.equal(sha256('someone@example'));
  });
});
