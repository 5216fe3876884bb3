import { expect } from 'chai';
import { capitalsMarkNames, classifyToken, classifyTokens } from '../../src/text/token-class';
import { tokenize } from '../../src/text/tokenize';

const words = new Set(['book', 'table', 'weather', 'for', 'at', 'put', 'onto', 'my', 'order']);
const isWord = (token: string): boolean => words.has(token);
const ENGLISH = { isWord, capitalsMarkNames: true };

describe('classifyToken', () => {
  it('takes a word capitalised after the first for a name', () => {
    expect(classifyToken('Cinq', 4, 'cinq', ENGLISH)).to.equal('name');
    expect(classifyToken('Book', 0, 'book', ENGLISH)).to.equal('word');
  });

  it('reads no name into a capital where every noun has one (German), but still into digits', () => {
    expect(capitalsMarkNames('de')).to.equal(false);
    expect(capitalsMarkNames('en')).to.equal(true);
    const german = { isWord: undefined, capitalsMarkNames: false };
    expect(classifyToken('Paket', 3, 'paket', german)).to.equal('other');
    expect(classifyToken('A1234', 3, 'a1234', german)).to.equal('name');
  });

  it('takes any token with a digit for a name, wherever it stands', () => {
    expect(classifyToken('A1234', 0, 'a1234', ENGLISH)).to.equal('name');
    expect(classifyToken('190', 3, '190', ENGLISH)).to.equal('name');
  });

  it('tells a dictionary word from anything else, and has no words without a dictionary', () => {
    expect(classifyToken('weather', 2, 'weather', ENGLISH)).to.equal('word');
    expect(classifyToken('zvooq', 2, 'zvooq', ENGLISH)).to.equal('other');
    expect(classifyToken('weather', 2, 'weather', { isWord: undefined, capitalsMarkNames: true })).to.equal('other');
  });
});

describe('classifyTokens', () => {
  it('classifies each word tokenize returns, reading capitals from the text as written', () => {
    const text = 'Book a table at Le Cinq for 4';
    const classOf = classifyTokens(text, tokenize(text), ENGLISH);
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(classOf)).to.deep.equal(['word', 'other', 'word', 'word', 'name', 'name', 'word', 'name']);
  });

  it('reads accented and apostrophised names as tokenize splits them', () => {
    const text = "Put Beyoncé's song onto my playlist";
    expect(tokenize(text)).to.deep.equal(['put', 'beyonces', 'song', 'onto', 'my', 'playlist']);
    expect([0, 1, 2, 3, 4, 5].map(classifyTokens(text, tokenize(text), ENGLISH))).to.deep.equal(['word', 'name', 'other', 'word', 'word', 'other']);
  });

  it('lines up the words of a message mixing Latin names and Chinese', () => {
    const text = '请问 Anna 的订单12号到了吗';
    expect([0, 1, 2].map(classifyTokens(text, tokenize(text), ENGLISH))).to.deep.equal(['other', 'name', 'other']);
    expect(tokenize(text)).to.include('订单');
  });

  it('ignores capitals rather than guess when the words do not line up with the text', () => {
    expect([0, 1, 2].map(classifyTokens('Order Weather', ['order', 'weather', 'extra'], ENGLISH))).to.deep.equal(['word', 'word', 'other']);
    // As many words as the text has, but not the same ones: still no capitals, though digits are read from the words.
    expect([0, 1].map(classifyTokens('Book Paris', ['book', 'table'], ENGLISH))).to.deep.equal(['word', 'word']);
    expect([0, 1].map(classifyTokens('Book Paris', ['book', '4'], ENGLISH))).to.deep.equal(['word', 'name']);
  });

  it('takes only a capital that starts a word for a name, not one inside it', () => {
    const text = 'book my iPhone';
    expect([0, 1, 2].map(classifyTokens(text, tokenize(text), ENGLISH))).to.deep.equal(['word', 'word', 'other']);
  });
});
