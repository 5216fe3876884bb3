import { expect } from 'chai';
import { normalize } from '../../src/text/normalize';
import { tokenize } from '../../src/text/tokenize';

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

  it('returns no tokens for emoji, punctuation or blank text', () => {
    expect(tokenize('👍🎉 ?!  ')).to.deep.equal([]);
    expect(tokenize('')).to.deep.equal([]);
  });

  it('never returns an empty token, whatever the input (property over random strings)', () => {
    let seed = 42;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const alphabet = "aZé 9,.'’-_\n\t😀ñ/\\\u0000\u200b";
    for (let i = 0; i < 500; i++) {
      const text = Array.from({ length: Math.floor(random() * 30) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      for (const token of tokenize(text)) {
        expect(token).to.have.length.greaterThan(0);
        expect(token).to.equal(token.toLowerCase());
      }
    }
  });
});
