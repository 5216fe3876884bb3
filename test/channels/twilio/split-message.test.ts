import { expect } from 'chai';
import { findBreak, splitMessage, TWILIO_MESSAGE_LIMIT } from '../../../src/channels/twilio/split-message';
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

  it('keeps a text of exactly the limit as one message', () => {
    const text = `${'a'.repeat(50)} ${'b'.repeat(49)}`;
    expect(splitMessage(text, 100)).to.deep.equal([text]);
  });

  it('drops the whitespace before a break as well as after it', () => {
    expect(splitMessage(`${'a'.repeat(60)}  ${'b'.repeat(60)}`, 100)).to.deep.equal(['a'.repeat(60), 'b'.repeat(60)]);
  });
});

describe('findBreak', () => {
  const a = (n: number): string => 'a'.repeat(n);
  const b = (n: number): string => 'b'.repeat(n);
  const c = (n: number): string => 'c'.repeat(n);

  it('prefers a blank line, with or without spaces on it, over a later line end', () => {
    expect(findBreak(`${a(60)}\n\n${b(20)}\n${c(50)}`, 100)).to.equal(60);
    expect(findBreak(`${a(60)}\n \t\n${b(20)}\n${c(50)}`, 100)).to.equal(60);
  });

  it('does not take a line holding text for a blank line', () => {
    expect(findBreak(`${a(60)}\n${b(20)}\n${c(50)}`, 100)).to.equal(81);
  });

  it('takes the last blank line that starts and ends within the limit', () => {
    // The second blank line starts at the limit but ends after it.
    expect(findBreak(`${a(60)}\n\n${b(38)}\n\n${c(50)}`, 100)).to.equal(60);
  });

  it('breaks after a sentence end at the limit, seeing the space that follows it', () => {
    expect(findBreak(`${a(60)} ${b(38)}. ${c(10)}`, 100)).to.equal(100);
  });

  it('breaks at a space exactly at the limit', () => {
    expect(findBreak(`${a(60)} ${b(39)} ${c(10)}`, 100)).to.equal(100);
  });

  it('passes over a paragraph or line break that fills less than half a message for a finer boundary', () => {
    expect(findBreak(`${a(10)}\n\n${b(50)} ${c(60)}`, 100)).to.equal(62);
  });

  it('takes a break that fills exactly half a message at its level', () => {
    expect(findBreak(`${a(50)}\n${b(20)} ${c(100)}`, 100)).to.equal(50);
  });

  it('takes a space however early when nothing better is left, rather than cutting a word', () => {
    expect(findBreak(`${a(30)} ${b(200)}`, 100)).to.equal(30);
  });

  it('cuts a word at the limit, or one before when that would split a surrogate pair', () => {
    expect(findBreak(`${a(9)}\u{10000}${b(5)}`, 10)).to.equal(9); // high surrogate U+D800
    expect(findBreak(`${a(9)}\u{10FC00}${b(5)}`, 10)).to.equal(9); // high surrogate U+DBFF
    expect(findBreak(`${a(9)}\uFF71${b(5)}`, 10)).to.equal(10); // above the surrogates
    expect(findBreak(`${a(9)}\u{D7FF}${b(5)}`, 10)).to.equal(10); // below them
  });
});
