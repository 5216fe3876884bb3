import { expect } from 'chai';
import { environmentKind, safetyProblems } from '../../src/config/guards';

describe('environmentKind', () => {
  it('reads development and test in any case, an unset or blank NODE_ENV as unset, and anything else as production', () => {
    expect(['development', ' Test ', '', '  ', undefined, 'prod', 'Staging'].map(environmentKind)).to.deep.equal([
      'development',
      'test',
      'unset',
      'unset',
      'unset',
      'production',
      'production',
    ]);
  });
});

describe('safetyProblems', () => {
  const SAFE = { TWILIO_AUTH_TOKEN: 'secret', SKIP_TWILIO_SIGNATURE: false, PUBLIC_URL: 'https://bot.example.com', PUBLIC_HOSTS: [], MESSAGE_LOG: 'data/messages.sqlite' };

  it('finds nothing wrong with a token, a public address and a message log file in production', () => {
    expect(safetyProblems('production', SAFE)).to.deep.equal([]);
  });

  it('refuses an in-memory message log in production however it is spaced', () => {
    expect(safetyProblems('production', { ...SAFE, MESSAGE_LOG: ' :memory: ' })).to.deep.equal([
      'MESSAGE_LOG: ":memory:" forgets every MessageSid on restart, so Twilio redeliveries are answered twice; give it a file path in production',
    ]);
    expect(safetyProblems('development', { ...SAFE, MESSAGE_LOG: ':memory:' })).to.deep.equal([]);
  });
});
