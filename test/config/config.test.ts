import { expect } from 'chai';
import { ConfigError, readConfig } from '../../src/config/config';

describe('readConfig', () => {
  it('gives every operating setting its documented default', () => {
    const config = readConfig({});
    expect({
      trustProxy: config.trustProxy,
      messageLogPath: config.messageLogPath,
      messageLogDays: config.messageLogDays,
      messageLogQueueMax: config.messageLogQueueMax,
      maxRequestBytes: config.maxRequestBytes,
      maxMessageChars: config.maxMessageChars,
      rateLimitMax: config.rateLimitMax,
      rateLimitWindowMs: config.rateLimitWindowMs,
      shutdownTimeoutMs: config.shutdownTimeoutMs,
      indexPollMs: config.indexPollMs,
    }).to.deep.equal({
      trustProxy: false,
      messageLogPath: 'data/messages.sqlite',
      messageLogDays: 90,
      messageLogQueueMax: 50_000,
      maxRequestBytes: 65_536,
      maxMessageChars: 2000,
      rateLimitMax: 20,
      rateLimitWindowMs: 60_000,
      shutdownTimeoutMs: 10_000,
      indexPollMs: 2000,
    });
  });

  it('reads TRUST_PROXY and the limits from the environment', () => {
    const config = readConfig({ TRUST_PROXY: 'true', RATE_LIMIT_MAX: '0', MAX_MESSAGE_CHARS: '500', SHUTDOWN_TIMEOUT_MS: '2500' });
    expect([config.trustProxy, config.rateLimitMax, config.maxMessageChars, config.shutdownTimeoutMs]).to.deep.equal([true, 0, 500, 2500]);
  });

  it('reads how long the message log keeps messages and how many it holds in memory, and refuses less than a day', () => {
    const config = readConfig({ MESSAGE_LOG_DAYS: '30', MESSAGE_LOG_QUEUE_MAX: '1000' });
    expect([config.messageLogDays, config.messageLogQueueMax]).to.deep.equal([30, 1000]);
    expect(() => readConfig({ MESSAGE_LOG_DAYS: '0' })).to.throw(ConfigError, 'MESSAGE_LOG_DAYS');
  });

  it('refuses to start in production without TWILIO_AUTH_TOKEN, saying what to set', () => {
    expect(() => readConfig({ NODE_ENV: 'production' }))
      .to.throw(ConfigError)
      .with.property('problems')
      .that.deep.equals(['TWILIO_AUTH_TOKEN: required in production; copy it from the Twilio console (Account > API keys & tokens)']);
  });

  it('starts in production with a token', () => {
    expect(readConfig({ NODE_ENV: 'production', TWILIO_AUTH_TOKEN: 'secret' }).production).to.equal(true);
  });

  it('names each invalid limit', () => {
    expect(() => readConfig({ MAX_REQUEST_BYTES: '10', RATE_LIMIT_WINDOW_MS: 'soon' }))
      .to.throw(ConfigError)
      .with.property('problems')
      .that.has.members(['MAX_REQUEST_BYTES: Too small: expected number to be >=1024', 'RATE_LIMIT_WINDOW_MS: Invalid input: expected number, received NaN']);
  });

  it('reads the corpus language and stop-word choice, English and keeping stop words by default', () => {
    expect([readConfig({}).language, readConfig({}).removeStopWords]).to.deep.equal(['en', false]);
    const spanish = readConfig({ CORPUS_LANGUAGE: 'es', REMOVE_STOP_WORDS: 'true' });
    expect([spanish.language, spanish.removeStopWords]).to.deep.equal(['es', true]);
  });

  it('names an unsupported corpus language and lists the supported ones', () => {
    expect(() => readConfig({ CORPUS_LANGUAGE: 'xx' }))
      .to.throw(ConfigError)
      .with.property('problems')
      .that.deep.equals(['CORPUS_LANGUAGE: Invalid option: expected one of "en"|"es"|"fr"|"it"|"pt"|"nl"|"de"']);
  });
});
