import { expect } from 'chai';
import { createRateLimiter, decide } from '../../src/channels/rate-limiter';

describe('createRateLimiter', () => {
  const clock = (): { now: () => number; advance: (ms: number) => void } => {
    let at = 1_000_000;
    return { now: () => at, advance: (ms) => void (at += ms) };
  };

  it('allows up to max messages per window, then notifies once, then drops', () => {
    const time = clock();
    const limiter = createRateLimiter({ max: 3, windowMs: 60_000, now: time.now });
    const decisions = Array.from({ length: 6 }, () => limiter.check('whatsapp:+447700900123'));
    expect(decisions).to.deep.equal(['allow', 'allow', 'allow', 'notify', 'drop', 'drop']);
  });

  it('counts each sender separately', () => {
    const limiter = createRateLimiter({ max: 1, windowMs: 60_000, now: clock().now });
    expect([limiter.check('a'), limiter.check('b'), limiter.check('a'), limiter.check('b')]).to.deep.equal(['allow', 'allow', 'notify', 'notify']);
  });

  it('allows again once the window has passed', () => {
    const time = clock();
    const limiter = createRateLimiter({ max: 1, windowMs: 60_000, now: time.now });
    expect([limiter.check('a'), limiter.check('a'), limiter.check('a')]).to.deep.equal(['allow', 'notify', 'drop']);
    time.advance(59_999);
    expect(limiter.check('a')).to.equal('drop');
    time.advance(1);
    expect([limiter.check('a'), limiter.check('a')]).to.deep.equal(['allow', 'notify']);
  });

  it('never limits when max is 0, and then tracks no sender at all', () => {
    const limiter = createRateLimiter({ max: 0, windowMs: 1000, now: clock().now });
    expect(new Set(Array.from({ length: 1000 }, () => limiter.check('a')))).to.deep.equal(new Set(['allow']));
    expect(limiter.size).to.equal(0);
  });

  it('forgets senders whose window has passed, so memory stays bounded', () => {
    const time = clock();
    const limiter = createRateLimiter({ max: 5, windowMs: 1000, now: time.now });
    for (let i = 0; i < 500; i++) limiter.check(`sender-${i}`);
    expect(limiter.size).to.equal(500);
    time.advance(1000);
    limiter.check('latecomer');
    expect(limiter.size).to.equal(1);
  });

  it('keeps counting a sender whose window is still open when other windows are swept, and restarts it once it expires', () => {
    const time = clock();
    const limiter = createRateLimiter({ max: 1, windowMs: 60_000, now: time.now });
    time.advance(30_000);
    expect([limiter.check('a'), limiter.check('a')]).to.deep.equal(['allow', 'notify']);
    // One window after the limiter started: another sender's message sweeps expired windows, and a's has 30 s left.
    time.advance(30_000);
    expect(limiter.check('b')).to.equal('allow');
    expect(limiter.check('a')).to.equal('drop');
    // a's window has now passed, though no sweep has run since: it starts again.
    time.advance(30_000);
    expect([limiter.check('a'), limiter.check('a')]).to.deep.equal(['allow', 'notify']);
  });
});

describe('decide', () => {
  it('allows everything when max is 0, still counting', () => {
    expect(decide({ startedAt: 0, count: 7 }, 10, { max: 0, windowMs: 1000 })).to.deep.equal({ decision: 'allow', window: { startedAt: 0, count: 8 } });
  });

  it('notifies on the first message over max and drops later ones, within the window', () => {
    const options = { max: 2, windowMs: 1000 };
    expect(decide({ startedAt: 0, count: 2 }, 999, options)).to.deep.equal({ decision: 'notify', window: { startedAt: 0, count: 3 } });
    expect(decide({ startedAt: 0, count: 3 }, 999, options).decision).to.equal('drop');
    expect(decide({ startedAt: 0, count: 3 }, 1000, options)).to.deep.equal({ decision: 'allow', window: { startedAt: 1000, count: 1 } });
    expect(decide(undefined, 5, options)).to.deep.equal({ decision: 'allow', window: { startedAt: 5, count: 1 } });
  });
});
