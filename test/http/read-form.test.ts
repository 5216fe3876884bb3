import { expect } from 'chai';
import Koa from 'koa';
import { IncomingMessage } from 'node:http';
import { Socket, type AddressInfo } from 'node:net';
import { handleErrors } from '../../src/http/handle-errors';
import { decodeFormComponent, parseForm, readBodyText, readForm } from '../../src/http/read-form';
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

describe('parseForm', () => {
  it('reads a Twilio form into one text per name', () => {
    expect(parseForm('MessageSid=SM0123&From=whatsapp%3A%2B447700900123&Body=when+do+you+open%3F&NumMedia=0')).to.deep.equal({
      MessageSid: 'SM0123',
      From: 'whatsapp:+447700900123',
      Body: 'when do you open?',
      NumMedia: '0',
    });
  });

  it('keeps the first of a repeated name, drops empty names and names of Object.prototype, and reads a name without = as empty', () => {
    expect(parseForm('Body=a&Body=b&=x&__proto__=y&toString=z&NumMedia')).to.deep.equal({ Body: 'a', NumMedia: '' });
  });

  it('reads bracketed names as qs does: nested names are no field, Body[]=x is Body', () => {
    expect(parseForm('Body[x]=a&From[]=b&To%5B%5D=c')).to.deep.equal({ From: 'b', To: 'c' });
  });

  it('reads at most 1,000 fields, as qs does', () => {
    const fields = Array.from({ length: 1001 }, (_, n) => `f${n}=${n}`).join('&');
    expect(Object.keys(parseForm(fields))).to.have.length(1000);
    expect(parseForm(fields)).to.not.have.property('f1000');
  });
});

/** A request stream that delivers `chunks`, as Node's HTTP parser would, with the headers given. */
function fakeRequest(chunks: readonly Buffer[], headers: Record<string, string> = {}): IncomingMessage {
  const request = new IncomingMessage(new Socket());
  request.headers = headers;
  setImmediate(() => {
    for (const chunk of chunks) request.push(chunk);
    request.push(null);
  });
  return request;
}

describe('readBodyText', () => {
  it('decodes UTF-8 split between chunks, and turns bytes that are not UTF-8 into U+FFFD as raw-body does', async () => {
    const bike = Buffer.from('Body=🚲', 'utf8');
    const text = await readBodyText(fakeRequest([bike.subarray(0, 7), bike.subarray(7), Buffer.from([0xff, 0xc3])]), 100, 'too large');
    expect(text).to.equal('Body=🚲\uFFFD\uFFFD');
  });

  it('drops a leading byte-order mark, as raw-body does', async () => {
    expect(await readBodyText(fakeRequest([Buffer.from('\uFEFFBody=hi')]), 100, 'too large')).to.equal('Body=hi');
  });

  it('refuses with 413 a body declared larger than the limit, before reading it', async () => {
    const error = await readBodyText(fakeRequest([], { 'content-length': '101' }), 100, 'too large').then(
      () => null,
      (caught: unknown) => caught as { status: number; message: string },
    );
    expect(error).to.include({ status: 413, message: 'too large' });
  });

  it('refuses with 413 a body that grows past the limit while it is read, and reads one at the limit', async () => {
    const error = await readBodyText(fakeRequest([Buffer.alloc(60, 'a'), Buffer.alloc(41, 'a')]), 100, 'too large').then(
      () => null,
      (caught: unknown) => caught as { status: number },
    );
    expect(error).to.include({ status: 413 });
    expect(await readBodyText(fakeRequest([Buffer.alloc(60, 'a'), Buffer.alloc(40, 'a')]), 100, 'too large')).to.have.length(100);
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
