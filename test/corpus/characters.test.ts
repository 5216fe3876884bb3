import { expect } from 'chai';
import { escapeControlCharacters, unsupportedCharacter } from '../../src/corpus/characters';
import { renderTwiml } from '../../src/channels/twilio/twiml';

describe('unsupportedCharacter', () => {
  it('finds exactly the characters the TwiML builder refuses', () => {
    const samples = ['\u0000', '\u0001', '\u0007', '\u000b', '\u000c', '\u001b', '\u001f', '\t', '\n', '\r', '\u007f', '\u0085', '\ufffe', '\uffff', '\ud800', '\udc00', '😀', 'é'];
    for (const character of samples) {
      let refused = false;
      try {
        renderTwiml([`a${character}b`]);
      } catch {
        refused = true;
      }
      expect(unsupportedCharacter(`a${character}b`) !== null, JSON.stringify(character)).to.equal(refused);
    }
  });

  it('names the first one as editors do', () => {
    expect(unsupportedCharacter('ok\u000bthen\u0007')).to.equal('U+000B');
    expect(unsupportedCharacter('fine')).to.equal(null);
  });
});

describe('escapeControlCharacters', () => {
  it('writes control, bidirectional and non-characters as \\u escapes and leaves the rest', () => {
    expect(escapeControlCharacters('\u001b[31mred\u0007 \u202Eevil\u009b é 😀\n')).to.equal('\\u001b[31mred\\u0007 \\u202eevil\\u009b é 😀\\u000a');
  });
});
