import { expect } from 'chai';
import { redactNumbers } from '../../src/unanswered/redact-numbers';

describe('redactNumbers', () => {
  it('hides phone numbers however they are typed', () => {
    for (const number of ['07700 900123', '+44 7700 900123', '+44 (0)7700-900-123', '447700900123', '0161.496.0000']) {
      expect(redactNumbers(`call me on ${number} please`), number).to.equal('call me on [number] please');
    }
  });

  it('leaves prices, times, dates and order numbers short enough to be no phone number', () => {
    expect(redactNumbers('is it £12 or 15.50 at 9:30 on 12/05, order 48213')).to.equal('is it £12 or 15.50 at 9:30 on 12/05, order 48213');
  });
});
