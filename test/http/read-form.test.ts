import { expect } from 'chai';
import Koa from 'koa';
import { type AddressInfo } from 'node:net';
import { handleErrors } from '../../src/http/handle-errors';
import { decodeFormComponent, readForm } from '../../src/http/read-form';
import { formOf } from '../../src/http/request-state';
import { captureLog } from '../helpers/log-capture';
import { mulberry32 } from '../helpers/prng';
import { postRaw } from '../helpers/server';

/** Starts a real Koa app on an ephemeral port that reads the form with readForm(limit) and answers the fields as JSON, runs `use` on its URL, and stops it. */
async function withFormApp(limit: number, use: (url: string) => Promise<void>): Promise<void> {
  const app = new Koa();
  app.silent = true;
  app.use(handleErrors(captureLog().logger));
  for (const step of readForm(limit)) app.use(step);
  app.use((ctx) => {
    ctx.body = formOf(ctx);
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

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

// Each app is built inside its test: readForm's options are fixed when it is called.
describe('readForm (real Koa app on an ephemeral port)', () => {
  const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

  it('reads a form within the limit into one text per name', async () => {
    await withFormApp(100, async (url) => {
      const response = await postRaw(url, 'Body=when+do+you+open%3F&Body=again&From=whatsapp%3A%2B447700900123', FORM);
      expect([response.status, JSON.parse(response.body)]).to.deep.equal([200, { Body: 'when do you open?', From: 'whatsapp:+447700900123' }]);
    });
  });

  it('refuses a body over its own limit with 413, naming the limit', async () => {
    await withFormApp(100, async (url) => {
      const response = await postRaw(url, `Body=${'x'.repeat(200)}`, FORM);
      expect([response.status, response.body]).to.deep.equal([413, 'Request body is larger than 100 bytes']);
    });
  });

  it('reads a request without Content-Type as an empty form rather than refusing it', async () => {
    await withFormApp(100, async (url) => {
      const response = await postRaw(url, '');
      expect([response.status, JSON.parse(response.body)]).to.deep.equal([200, {}]);
    });
  });
});
