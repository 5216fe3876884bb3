import { expect } from 'chai';
import { decodeFormComponent } from '../../src/http/read-form';
import { mulberry32 } from '../helpers/prng';

/** How a browser (the WHATWG urlencoded parser) decodes one form value: the reference the fast path must equal. */
function whatwg(text: string): string {
  return new URLSearchParams(`x=${text}`).get('x')!;
}

const SEED = 0xdec0de;
const SAMPLES = 20_000;
/** Pieces a form value is made of, chosen to hit every branch: plus signs, good and bad escapes, overlong and surrogate UTF-8, raw non-ASCII. */
const PIECES = ['a', 'Z', ' ', '+', '%', '%2', '%20', '%2B', '%25', '%zz', '%C3%A9', '%C3', '%E2%82%AC', '%F0%9F%98%80', '%C0%AF', '%ED%A0%80', '%FF', '%EF%BB%BF', '%00', 'é', '😀', '=', '?', '#'];

describe('decodeFormComponent', () => {
  it('decodes plus signs and escapes as a browser does', () => {
    expect(decodeFormComponent('when+do+you+open%3F')).to.equal('when do you open?');
    expect(decodeFormComponent('caf%C3%A9+%F0%9F%9A%B2')).to.equal('café 🚲');
    expect(decodeFormComponent('whatsapp%3A%2B447700900123')).to.equal('whatsapp:+447700900123');
  });

  it('keeps a stray % and turns bytes that are not UTF-8 into U+FFFD instead of failing the value', () => {
    expect(decodeFormComponent('100%+sure')).to.equal('100% sure');
    expect(decodeFormComponent('%FFok')).to.equal('\uFFFDok');
    expect(decodeFormComponent('%ED%A0%80')).to.equal('\uFFFD\uFFFD\uFFFD');
  });

  it(`gives exactly what the WHATWG parser gives for ${SAMPLES} seeded random values`, () => {
    const random = mulberry32(SEED);
    for (let n = 0; n < SAMPLES; n++) {
      const text = Array.from({ length: random.int(8) }, () => random.pick(PIECES)).join('');
      expect(decodeFormComponent(text), `sample ${n}: ${JSON.stringify(text)}`).to.equal(whatwg(text));
    }
  });
});
