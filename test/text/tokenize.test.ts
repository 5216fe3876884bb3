import { expect } from 'chai';
import { normalize } from '../../src/text/normalize';
import { splitWords, tokenize } from '../../src/text/tokenize';

describe('normalize', () => {
  it('lower-cases, folds accents and drops apostrophes', () => {
    expect(normalize("Café DON'T Naïve")).to.equal('cafe dont naive');
  });

  it('folds typographic apostrophes like straight ones', () => {
    expect(normalize('what’s')).to.equal(normalize("what's"));
  });
});

describe('tokenize', () => {
  it('splits on punctuation and spaces', () => {
    expect(tokenize('When do you open, on Sundays?!')).to.deep.equal(['when', 'do', 'you', 'open', 'on', 'sundays']);
  });

  it('keeps digits and splits hyphenated words', () => {
    expect(tokenize('e-bike for 2 days @ 5pm')).to.deep.equal(['e', 'bike', 'for', '2', 'days', '5pm']);
  });

  it('keeps letters of other scripts', () => {
    expect(tokenize('Привет, как дела?')).to.deep.equal(['привет', 'как', 'дела']);
  });

  it('cuts Chinese, Japanese and Thai, written without spaces, into words', () => {
    expect(tokenize('你们几点开门？')).to.deep.equal(['你们', '几点', '开门']);
    expect(tokenize('営業時間は何時ですか')).to.deep.equal(['営業', '時間', 'は', '何時', 'です', 'か']);
    expect(tokenize('ร้านเปิดกี่โมง')).to.deep.equal(['ร้าน', 'เปิด', 'กี่', 'โมง']);
    expect(tokenize('iPhone15价格, order 12')).to.deep.equal(['iphone15', '价格', 'order', '12']);
    // Half-width katakana, as some phones type it, takes the standard full-width form.
    expect(tokenize('ｶﾀｶﾅで')).to.deep.equal(tokenize('カタカナで'));
  });

  it('keeps such a run whole without segmentWords, as indexes built before word breaking were read', () => {
    expect(tokenize('你们几点开门？', { segmentWords: false })).to.deep.equal(['你们几点开门']);
    expect(splitWords('Where is Müller', { segmentWords: false })).to.deep.equal(['Where', 'is', 'Muller']);
    expect(splitWords('Where is Müller')).to.deep.equal(['Where', 'is', 'Muller']);
  });

  it('returns no tokens for emoji, punctuation or blank text', () => {
    expect(tokenize('👍🎉 ?!  ')).to.deep.equal([]);
    expect(tokenize('')).to.deep.equal([]);
  });

  it('never returns an empty token, whatever the input (property over random strings)', () => {
    let seed = 42;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = "aZé 9,.'’-_\n\t😀ñ/\\\u0000\u200b你们开门はกี่";
    for (let i = 0; i < 500; i++) {
      const text = Array.from({ length: Math.floor(random() * 30) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      for (const token of tokenize(text)) {
        expect(token).to.have.length.greaterThan(0);
        expect(token).to.equal(token.toLowerCase());
      }
    }
  });
});
