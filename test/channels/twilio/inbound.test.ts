import { expect } from 'chai';
import { cleanText } from '../../../src/channels/twilio/clean-text';
import { toInboundMessage } from '../../../src/channels/twilio/inbound';

describe('toInboundMessage', () => {
  it('reads a text message', () => {
    expect(toInboundMessage({ Body: 'when do you open', NumMedia: '0', MessageType: 'text' })).to.deep.equal({ text: 'when do you open', mediaCount: 0, kind: 'text' });
  });

  it('reads a photo without caption as text-less media', () => {
    expect(toInboundMessage({ Body: '', NumMedia: '2', MessageType: 'image' })).to.deep.equal({ text: '', mediaCount: 2, kind: 'text' });
  });

  it('reads a shared location, by MessageType or by coordinates', () => {
    expect(toInboundMessage({ Body: '', MessageType: 'location', Latitude: '51.5', Longitude: '-0.1' }).kind).to.equal('location');
    expect(toInboundMessage({ Body: '', Latitude: '51.5', Longitude: '-0.1' }).kind).to.equal('location');
  });

  it('takes a tapped button text as the question when Body is empty', () => {
    expect(toInboundMessage({ Body: '', MessageType: 'button', ButtonText: 'Opening hours', ButtonPayload: 'hours' })).to.deep.equal({
      text: 'Opening hours',
      mediaCount: 0,
      kind: 'button',
    });
  });

  it('reads MessageType in any case, and location without coordinates', () => {
    expect(toInboundMessage({ MessageType: 'LOCATION' }).kind).to.equal('location');
    expect(toInboundMessage({ MessageType: 'location' }).kind).to.equal('location');
  });

  it('needs both coordinates to call an untyped message a location', () => {
    expect(toInboundMessage({ Body: 'hi', Latitude: '51.5' }).kind).to.equal('text');
    expect(toInboundMessage({ Body: 'hi', Longitude: '-0.1' }).kind).to.equal('text');
  });

  it('reads an interactive reply, or any message with a ButtonText, as a button', () => {
    expect(toInboundMessage({ Body: 'Yes', MessageType: 'interactive' }).kind).to.equal('button');
    expect(toInboundMessage({ Body: '', ButtonText: 'Opening hours' })).to.deep.equal({ text: 'Opening hours', mediaCount: 0, kind: 'button' });
  });

  it('keeps the Body of a button message when it has one, and takes the button text for a blank Body', () => {
    expect(toInboundMessage({ Body: 'When do you open?', MessageType: 'button', ButtonText: 'Hours' }).text).to.equal('When do you open?');
    expect(toInboundMessage({ Body: '  ', MessageType: 'button', ButtonText: 'Hours' }).text).to.equal('Hours');
    expect(toInboundMessage({ Body: '', MessageType: 'button', ButtonPayload: 'hours' }).text).to.equal('hours');
    expect(toInboundMessage({ Body: '', MessageType: 'button' }).text).to.equal('');
  });

  it('treats a missing or garbage NumMedia as no media', () => {
    expect(toInboundMessage({}).mediaCount).to.equal(0);
    expect(toInboundMessage({ NumMedia: '-3' }).mediaCount).to.equal(0);
    expect(toInboundMessage({ NumMedia: 'lots' }).mediaCount).to.equal(0);
  });
});

describe('cleanText', () => {
  it('replaces control characters and U+FFFD with spaces, keeping newlines and tabs', () => {
    expect(cleanText('when\u0000do\u0007you\u001bopen\uFFFD?\n\tok\u0085', 100)).to.deep.equal({ text: 'when do you open ?\n\tok ', truncated: false });
  });

  it('cuts a text longer than the cap and says so', () => {
    expect(cleanText('abcdef', 4)).to.deep.equal({ text: 'abcd', truncated: true });
  });

  it('does not cut between the halves of a surrogate pair', () => {
    expect(cleanText('abc😀def', 4)).to.deep.equal({ text: 'abc', truncated: true });
    expect(cleanText('ab\u{10000}', 3)).to.deep.equal({ text: 'ab', truncated: true }); // high surrogate U+D800
    expect(cleanText('ab\u{10FC00}', 3)).to.deep.equal({ text: 'ab', truncated: true }); // high surrogate U+DBFF
  });

  it('cuts right after a character that is not a high surrogate', () => {
    expect(cleanText('ab\uFF71d', 3)).to.deep.equal({ text: 'ab\uFF71', truncated: true });
    expect(cleanText('ab\uD7FFd', 3)).to.deep.equal({ text: 'ab\uD7FF', truncated: true });
  });

  it('keeps a text of exactly the cap whole', () => {
    expect(cleanText('abcd', 4)).to.deep.equal({ text: 'abcd', truncated: false });
  });
});
