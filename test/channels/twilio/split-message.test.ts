import { expect } from 'chai';
import { splitMessage, TWILIO_MESSAGE_LIMIT } from '../../../src/channels/twilio/split-message';
import { mulberry32 } from '../../helpers/prng';

const squash = (text: string): string => text.replace(/\s+/g, '');

describe('splitMessage', () => {
  it('keeps a text within the limit as one message, unchanged', () => {
    expect(splitMessage('We are open 7am to 6pm.')).to.deep.equal(['We are open 7am to 6pm.']);
  });

  it('returns no message for an empty text', () => {
    expect(splitMessage('  ')).to.deep.equal([]);
  });

  it('splits at the paragraph break when both halves fit', () => {
    const first = `${'Rent a bike for a day. '.repeat(40).trim()}`;
    const second = `${'Bring your ID to collect it. '.repeat(40).trim()}`;
    expect(splitMessage(`${first}\n\n${second}`)).to.deep.equal([first, second]);
  });

  it('splits a paragraph longer than the limit at a sentence end, not mid-word', () => {
    const sentence = 'Our mechanics check brakes, gears and tyres on every service. ';
    const text = sentence.repeat(60).trim();
    const chunks = splitMessage(text);
    expect(chunks.length).to.equal(3);
    for (const chunk of chunks) {
      expect(chunk.length).to.be.at.most(TWILIO_MESSAGE_LIMIT);
      expect(chunk).to.match(/^Our mechanics .* service\.$/);
    }
    expect(squash(chunks.join(''))).to.equal(squash(text));
  });

  it('falls back to a space when a sentence is longer than the limit', () => {
    const text = `${'word '.repeat(500)}end`;
    const chunks = splitMessage(text, 100);
    expect(chunks.every((chunk) => chunk.length <= 100 && /^(word )*(word|end)$/.test(chunk))).to.equal(true);
    expect(chunks.join(' ')).to.equal(text);
  });

  it('cuts a single word longer than the limit, without splitting a surrogate pair', () => {
    const text = `${'a'.repeat(9)}😀${'b'.repeat(10)}`;
    const chunks = splitMessage(text, 10);
    expect(chunks).to.deep.equal(['a'.repeat(9), `😀${'b'.repeat(8)}`, 'bb']);
  });

  it('keeps every non-space character, in order, for random texts, and never exceeds the limit', () => {
    const random = mulberry32(42);
    const pieces = ['Yes.', 'No!', 'Maybe?', 'bike', 'repair', 'https://example.com/' + 'x'.repeat(120), '\n', '\n\n', '😀', 'ünïcødé', 'ok'];
    for (let round = 0; round < 200; round++) {
      const words = Array.from({ length: random.int(400) }, () => random.pick(pieces));
      const text = words.join(random.chance(0.5) ? ' ' : '  ');
      const limit = 50 + random.int(200);
      const chunks = splitMessage(text, limit);
      expect(chunks.every((chunk) => chunk.length > 0 && chunk.length <= limit), `round ${round}`).to.equal(true);
      expect(squash(chunks.join('')), `round ${round}`).to.equal(squash(text));
    }
  });
});
