import { expect } from 'chai';
import { createRateLimiter } from '../../src/channels/rate-limiter';

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

  it('never limits when max is 0', () => {
    const limiter = createRateLimiter({ max: 0, windowMs: 1000, now: clock().now });
    expect(new Set(Array.from({ length: 1000 }, () => limiter.check('a')))).to.deep.equal(new Set(['allow']));
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
});
