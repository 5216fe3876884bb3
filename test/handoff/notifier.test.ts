import { expect } from 'chai';
import { createHandoffNotifier, type HandoffNotifier } from '../../src/handoff/notifier';
import { signBody, verifyBodySignature } from '../../src/handoff/sign-body';
import { waitUntil } from '../helpers/cli-process';
import { captureLog, type CapturedLog } from '../helpers/log-capture';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

const SECRET = 'test-secret-0123456789abcdef';
const NOW = Date.UTC(2026, 10, 27, 9, 0, 0);
const EVENT = { sender: '+447700900123', profileName: 'Ada', reason: 'asked' as const, startedAt: NOW, until: NOW + 3_600_000 };
const HISTORY = [{ receivedAt: new Date(NOW).toISOString(), body: 'talk to a human', reply: ['Passing you on.'] }];

describe('hand-off notifier', function () {
  this.timeout(20_000);
  let receiver: WebhookReceiver;
  let log: CapturedLog;
  let notifier: HandoffNotifier | undefined;
  beforeEach(async () => {
    receiver = await startWebhookReceiver();
    log = captureLog();
  });
  afterEach(async () => {
    await notifier?.close();
    await receiver.close();
  });

  const start = (delaysMs: number[], url = receiver.url): HandoffNotifier =>
    (notifier = createHandoffNotifier({ url, secret: SECRET, logger: log.logger, recentMessages: async () => HISTORY, delaysMs }));

  it('POSTs the documented JSON, signed over the raw body, and logs the delivery without the number', async () => {
    start([0]).notify(EVENT);
    const request = await receiver.waitFor(1, 5000);
    expect(verifyBodySignature(request.rawBody, SECRET, request.headers['x-faqbot-signature'] as string)).to.equal(true);
    expect(verifyBodySignature(request.rawBody, 'another-secret-0123456789', request.headers['x-faqbot-signature'] as string)).to.equal(false);
    expect(JSON.parse(request.rawBody.toString('utf8'))).to.deep.equal({
      event: 'handoff',
      sender: '+447700900123',
      profileName: 'Ada',
      reason: 'asked',
      startedAt: '2026-11-27T09:00:00.000Z',
      pausedUntil: '2026-11-27T10:00:00.000Z',
      messages: HISTORY,
    });
    await waitUntil(() => log.lines().some((l) => l.msg === 'hand-off notification delivered'), 5000, 'the delivery log line');
    expect(log.raw()).to.not.include('+447700900123');
    expect(log.raw()).to.include('+44*******123');
  });

  it('retries a failing receiver with the same body, and logs each try', async () => {
    receiver.status = 503;
    start([0, 50, 100]).notify(EVENT);
    await receiver.waitFor(2, 5000);
    receiver.status = 200;
    await receiver.waitFor(3, 5000);
    await waitUntil(() => notifier!.pending === 0, 5000, 'the notification to settle');
    expect(receiver.received[0]!.rawBody.equals(receiver.received[2]!.rawBody)).to.equal(true);
    const tries = log.lines().filter((l) => typeof l.tries === 'number').map((l) => [l.msg, l.tries]);
    expect(tries).to.deep.equal([
      ['hand-off notification failed; retrying', 1],
      ['hand-off notification failed; retrying', 2],
      ['hand-off notification delivered', 3],
    ]);
  });

  it('gives up after the last try, and at once on a refusal such as 401', async () => {
    receiver.status = 500;
    start([0, 20]).notify(EVENT);
    await waitUntil(() => notifier!.pending === 0, 5000, 'the notification to be given up');
    expect(receiver.received).to.have.length(2);
    await notifier!.close();

    receiver.status = 401;
    start([0, 20, 20]).notify(EVENT);
    await waitUntil(() => notifier!.pending === 0, 5000, 'the notification to be given up');
    expect(receiver.received).to.have.length(3);
    expect(log.lines().filter((l) => l.level === 50).map((l) => l.result)).to.deep.equal(['status 500', 'status 401']);
  });

  it('counts an unreachable receiver as a failed try', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused.
    start([0, 20], 'http://127.0.0.1:1/handoff').notify(EVENT);
    await waitUntil(() => notifier!.pending === 0, 5000, 'the notification to be given up');
    expect(log.lines().filter((l) => typeof l.tries === 'number').map((l) => l.tries)).to.deep.equal([1, 2]);
  });

  it('signs as sha256= and the hex HMAC-SHA256 (the published test vector)', () => {
    expect(signBody('The quick brown fox jumps over the lazy dog', 'key')).to.equal('sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8');
  });
});
