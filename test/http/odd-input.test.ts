import { expect } from 'chai';
import { DEFAULT_REPLIES } from '../../src/corpus/replies';
import { newMessageSid, postRaw, postSigned, signRaw, startTestServer, twimlMessages, whatsappForm, type TestServer } from '../helpers/server';

const FORM = 'application/x-www-form-urlencoded';
const DONT_KNOW = /^Sorry, I don't know that one yet\./;

describe('POST /bot with odd input (real server)', () => {
  let server: TestServer;
  let url: string;
  before(async () => {
    // Every request comes from one number, and several are meant to get "I don't know": no hand-off to a person here.
    server = await startTestServer(undefined, { HANDOFF_AFTER_FALLBACKS: '0' });
    url = `${server.baseUrl}/bot`;
  });
  after(async () => {
    await server.stop();
  });

  /** Posts a raw body, with the MessageSid and From every Twilio request has, correctly signed for the fields the server will parse from it. */
  const postSignedRaw = (raw: Buffer | string, headers: Record<string, string> = {}) => {
    const body = Buffer.concat([Buffer.from(raw), Buffer.from(`&MessageSid=${newMessageSid()}&From=whatsapp%3A%2B447700900123`)]);
    return postRaw(url, body, { 'Content-Type': FORM, 'X-Twilio-Signature': signRaw(url, body.toString('utf8')), ...headers });
  };

  it('answers a malformed form body (stray %, & and =) politely', async () => {
    const response = await postSignedRaw('Body=%E0%A4%A&&&==&%%%');
    expect(response.status).to.equal(200);
    // The stray escapes stay literal ("%A") and reach the bot as text: it replies as to any message, with no apology.
    const messages = twimlMessages(response.body);
    expect(messages).to.have.length(1);
    expect(messages[0]).to.not.equal(DEFAULT_REPLIES.apology);
    expect(messages[0]).to.have.length.greaterThan(0);
  });

  it('answers a Body with invalid UTF-8 bytes as if they were absent', async () => {
    const body = Buffer.concat([Buffer.from('Body=where are you'), Buffer.from([0xff, 0xfe, 0xc3])]);
    const response = await postSignedRaw(body);
    expect(response.status).to.equal(200);
    expect(twimlMessages(response.body)).to.deep.equal(["You'll find us at 3 Mill Lane, next to the station."]);
  });

  it('answers a Body with percent-encoded invalid UTF-8', async () => {
    const response = await postSignedRaw('Body=when%20do%20you%20open%FF%C0');
    expect(response.status).to.equal(200);
    expect(twimlMessages(response.body)).to.deep.equal(['We are open 7am to 6pm Monday to Saturday, and 8am to 1pm on Sunday.']);
  });

  it('ignores control characters in the Body', async () => {
    const response = await postSigned(url, whatsappForm('when\u0000 do\u0007 you\u001b open\u007f?'));
    expect(twimlMessages(await response.text())).to.deep.equal(['We are open 7am to 6pm Monday to Saturday, and 8am to 1pm on Sunday.']);
  });

  it('answers an emoji-only message with the polite fallback', async () => {
    const response = await postSigned(url, whatsappForm('😀🚲👍'));
    expect(response.status).to.equal(200);
    expect(twimlMessages(await response.text())).to.deep.equal([DEFAULT_REPLIES.fallbackNoSuggestions]);
  });

  it('answers messages in other scripts with a polite fallback', async () => {
    for (const text of ['Когда вы открываетесь?', '你们几点开门', 'متى تفتحون؟']) {
      const response = await postSigned(url, whatsappForm(text));
      expect(response.status, text).to.equal(200);
      const messages = twimlMessages(await response.text());
      expect(messages, text).to.have.length(1);
      expect(messages[0], text).to.match(DONT_KNOW);
    }
  });

  it('answers an empty Body with the empty reply', async () => {
    const response = await postSigned(url, whatsappForm(''));
    expect(twimlMessages(await response.text())).to.deep.equal([DEFAULT_REPLIES.empty]);
  });

  it('reads only the first of a repeated Body field (Body=a&Body=b), the one the signature covers', async () => {
    const response = await postSignedRaw('Body=where%20are%20you&Body=when%20do%20you%20open');
    expect(twimlMessages(response.body)).to.deep.equal(["You'll find us at 3 Mill Lane, next to the station."]);
  });

  it('refuses with 400 a signed form without the MessageSid and From that Twilio always sends', async () => {
    const response = await postSigned(url, { Body: 'do you deliver' });
    expect(response.status).to.equal(400);
    expect(await response.text()).to.equal('MessageSid is not a Twilio message SID (SM or MM and 32 hex digits)');
  });

  it('treats bracketed and dotted field names literally (no nested objects), so Body[x] is not a Body', async () => {
    const response = await postSignedRaw('Body[x]=where%20are%20you&Body.y=1');
    expect(twimlMessages(response.body)).to.deep.equal([DEFAULT_REPLIES.empty]);
  });

  it('answers a form with nothing but MessageSid and From with the empty reply', async () => {
    const response = await postSignedRaw('');
    expect(response.status).to.equal(200);
    expect(twimlMessages(response.body)).to.deep.equal([DEFAULT_REPLIES.empty]);
  });

  it('refuses a JSON body with 415, without echoing the Content-Type it was sent', async () => {
    const response = await postRaw(url, '{"Body":"hi"}', { 'Content-Type': 'application/vnd.probe+json' });
    expect(response.status).to.equal(415);
    expect(response.body).to.equal('Expected an application/x-www-form-urlencoded body in UTF-8, as Twilio sends');
    expect(response.body).not.to.contain('probe');
  });

  it('refuses a form in another charset with 415, without echoing the charset', async () => {
    const response = await postRaw(url, 'Body=caf%E9', { 'Content-Type': `${FORM}; charset=x-probe-charset` });
    expect(response.status).to.equal(415);
    expect(response.body).not.to.contain('probe');
  });

  it('reads a form labelled utf-8 or UTF8 as any other', async () => {
    for (const charset of ['utf-8', 'UTF8']) {
      const response = await postSignedRaw('Body=where%20are%20you', { 'Content-Type': `${FORM}; charset=${charset}` });
      expect(twimlMessages(response.body), charset).to.deep.equal(["You'll find us at 3 Mill Lane, next to the station."]);
    }
  });

  it('refuses with 400 a body it cannot read (a gzip encoding that is not gzip), without the parser\'s words', async () => {
    const response = await postRaw(url, 'Body=hi', { 'Content-Type': FORM, 'Content-Encoding': 'gzip' });
    expect([response.status, response.body]).to.deep.equal([400, 'Unreadable form body']);
  });

  it('answers GET /bot with 405', async () => {
    expect((await fetch(url)).status).to.equal(405);
  });

  it('is still healthy afterwards', async () => {
    expect((await fetch(`${server.baseUrl}/health`)).status).to.equal(200);
  });
});
