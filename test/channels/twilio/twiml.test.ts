import { expect } from 'chai';
import MessagingResponse from 'twilio/lib/twiml/MessagingResponse';
import { renderTwiml } from '../../../src/channels/twilio/twiml';

/** What twilio's own builder renders, built afresh: the reference a remembered rendering must equal. */
function fresh(messages: readonly string[]): string {
  const response = new MessagingResponse();
  for (const text of messages) response.message(text);
  return response.toString();
}

describe('renderTwiml', () => {
  it('renders one <Message> per text, escaped, and an empty <Response/> for none', () => {
    expect(renderTwiml(['Fish & chips <today>'])).to.equal('<?xml version="1.0" encoding="UTF-8"?><Response><Message>Fish &amp; chips &lt;today&gt;</Message></Response>');
    expect(renderTwiml([])).to.equal('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });

  it('gives the same TwiML the second time a reply is sent, and never mixes up replies that share their texts', () => {
    const replies = [['a', 'b'], ['a,b'], ['ab'], ['["a","b"]'], ['a', 'b', ''], ['b', 'a'], ['a'], ['a', 'b']];
    for (let pass = 0; pass < 2; pass++) {
      for (const messages of replies) expect(renderTwiml(messages), JSON.stringify(messages)).to.equal(fresh(messages));
    }
  });

  it('stays right after more distinct replies than it remembers', () => {
    for (let n = 0; n < 2500; n++) expect(renderTwiml([`answer ${n % 1200}`])).to.equal(fresh([`answer ${n % 1200}`]));
  });

  it('refuses a text the XML builder refuses every time, not only the first', () => {
    expect(() => renderTwiml(['bell \u0007'])).to.throw();
    expect(() => renderTwiml(['bell \u0007'])).to.throw();
  });
});
