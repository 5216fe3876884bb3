import Database from 'better-sqlite3';
import { expect } from 'chai';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { fieldProblem } from '../../../src/channels/twilio/validate-fields';
import { captureLog } from '../../helpers/log-capture';
import { postRaw, postSigned, startTestServer, TEST_AUTH_TOKEN, twimlMessages, whatsappForm, type TestServer } from '../../helpers/server';

const ADDRESS = "You'll find us at 3 Mill Lane, next to the station.";

/** The same fields in a new split: what Twilio's signature (keys and values glued together in key order) cannot tell apart. */
function resplit(form: Record<string, string>, grow: string, swallow: readonly string[]): Record<string, string> {
  const result: Record<string, string> = { ...form };
  for (const key of swallow) {
    result[grow] += `${key}${form[key]}`;
    delete result[key];
  }
  return result;
}

describe('fieldProblem', () => {
  const ok = { MessageSid: 'SMec8e12b0a5eb4fc68e173f1c5db95b2a', From: 'whatsapp:+447700900123' };

  it('accepts SM and MM message SIDs, and WhatsApp or plain E.164 senders', () => {
    expect(fieldProblem(ok, { allowMissing: false })).to.equal(null);
    expect(fieldProblem({ MessageSid: 'MM0123456789ABCDEF0123456789abcdef', From: '+15005550006' }, { allowMissing: false })).to.equal(null);
  });

  it('names a MessageSid of another kind, length or alphabet', () => {
    for (const sid of ['AC0123456789abcdef0123456789abcdef', 'SM0123', `${ok.MessageSid}NumMedia0`, `NumMedia0${ok.MessageSid}`, 'SMzz8e12b0a5eb4fc68e173f1c5db95b2a', '']) {
      expect(fieldProblem({ ...ok, MessageSid: sid }, { allowMissing: false }), sid).to.match(/^MessageSid is not a Twilio message SID/);
    }
  });

  it('names a From that is not a number', () => {
    for (const from of ['whatsapp:447700900123', `whatsapp:+447700900123MessageSid${ok.MessageSid}`, 'whatsapp:+', 'messenger:+447700900123', '+0447700900123', `+${'1'.repeat(16)}`]) {
      expect(fieldProblem({ ...ok, From: from }, { allowMissing: false }), from).to.match(/^From is not a phone number/);
    }
  });

  it('lets MessageSid and From be missing only where signatures are not checked', () => {
    expect(fieldProblem({}, { allowMissing: true })).to.equal(null);
    expect(fieldProblem({ From: ok.From }, { allowMissing: false })).to.match(/^MessageSid/);
    expect(fieldProblem({ MessageSid: ok.MessageSid }, { allowMissing: false })).to.match(/^From/);
    expect(fieldProblem({ MessageSid: 'x' }, { allowMissing: true })).to.match(/^MessageSid/);
  });
});

describe('POST /bot with re-split or injected fields (real server, genuine Twilio signatures)', () => {
  let server: TestServer;
  let url: string;
  const log = captureLog();
  before(async () => {
    server = await startTestServer(undefined, {}, log.logger);
    url = `${server.baseUrl}/bot`;
  });
  after(async () => {
    await server.stop();
  });
  const loggedMessages = (): number => {
    // Records wait in memory for a moment before they are written; count what the server has taken in.
    server.running.messageLog.flush();
    const db = new Database(server.config.messageLogPath, { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  it('refuses with 400 a captured request whose MessageSid swallowed the fields after it, and neither answers nor records it again', async () => {
    const captured = whatsappForm('where are you');
    expect(twimlMessages(await (await postSigned(url, captured)).text())).to.deep.equal([ADDRESS]);
    const before = loggedMessages();
    const forged = resplit(captured, 'MessageSid', ['MessageType', 'NumMedia']);
    // The point of the attack: the captured signature is valid for the new split as well.
    expect(getExpectedTwilioSignature(TEST_AUTH_TOKEN, url, forged)).to.equal(getExpectedTwilioSignature(TEST_AUTH_TOKEN, url, captured));
    const response = await postSigned(url, forged);
    expect(response.status).to.equal(400);
    expect(await response.text()).to.equal('MessageSid is not a Twilio message SID (SM or MM and 32 hex digits)');
    expect(loggedMessages()).to.equal(before);
    const requestId = response.headers.get('x-request-id');
    expect(log.lines().find((line) => line.reqId === requestId && line.level === 40)).to.include({ msg: 'Refused a webhook request: MessageSid is not a Twilio message SID (SM or MM and 32 hex digits).' });
  });

  it('refuses with 400 a captured request whose MessageSid was folded into From, which would also defeat sender masking', async () => {
    // A SID ending in a digit: folded into From, the number then sits in front of more digits, which a careless mask lets through.
    const sid = `${whatsappForm('').MessageSid!.slice(0, -1)}7`;
    const captured = whatsappForm('when do you open', { From: 'whatsapp:+447700900321', MessageSid: sid, SmsMessageSid: sid });
    await postSigned(url, captured);
    const before = loggedMessages();
    const forged = resplit(captured, 'From', ['MessageSid']);
    expect(getExpectedTwilioSignature(TEST_AUTH_TOKEN, url, forged)).to.equal(getExpectedTwilioSignature(TEST_AUTH_TOKEN, url, captured));
    const response = await postSigned(url, forged);
    expect(response.status).to.equal(400);
    // With a MessageSid of its own, such a From is refused on its own account.
    const folded = await postSigned(url, { ...forged, MessageSid: whatsappForm('').MessageSid! });
    expect(folded.status).to.equal(400);
    expect(await folded.text()).to.equal('From is not a phone number (whatsapp:+<digits> or +<digits>)');
    expect(loggedMessages()).to.equal(before);
    expect(log.raw()).not.to.include('447700900321');
  });

  it('refuses with 403 a genuinely signed body with a field added after signing', async () => {
    const form = whatsappForm('where are you');
    // Signed over the literal fields, as Twilio does, not over what this server's parser makes of the body.
    const signature = getExpectedTwilioSignature(TEST_AUTH_TOKEN, url, form);
    const body = `${new URLSearchParams(form).toString()}&NumMedia0=1`;
    const response = await postRaw(url, body, { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature });
    expect(response.status).to.equal(403);
  });

  it('answers the signed text, not a second Body appended after signing', async () => {
    const form = whatsappForm('where are you');
    const signature = getExpectedTwilioSignature(TEST_AUTH_TOKEN, url, form);
    const body = `${new URLSearchParams(form).toString()}&Body=${encodeURIComponent('when do you open')}&From=${encodeURIComponent('whatsapp:+15550009999')}`;
    const response = await postRaw(url, body, { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature });
    expect(response.status).to.equal(200);
    expect(twimlMessages(response.body)).to.deep.equal([ADDRESS]);
    const line = log.lines().find((entry) => entry.reqId === response.headers['x-request-id']);
    expect(line).to.include({ sender: 'whatsapp:+44*******123', answerId: 'location' });
  });

  it('reads a signed value holding "&From=" as text, so it cannot smuggle in a sender', async () => {
    const form = whatsappForm('where are you&From=whatsapp:+15550009999');
    const signature = getExpectedTwilioSignature(TEST_AUTH_TOKEN, url, form);
    const response = await postRaw(url, new URLSearchParams(form).toString(), { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature });
    expect(response.status).to.equal(200);
    expect(log.lines().find((entry) => entry.reqId === response.headers['x-request-id'])).to.include({ sender: 'whatsapp:+44*******123' });
  });
});
