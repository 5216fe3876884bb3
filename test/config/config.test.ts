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

  const PRODUCTION = { NODE_ENV: 'production', TWILIO_AUTH_TOKEN: 'secret', PUBLIC_URL: 'https://bot.example.com' };
  const problemsOf = (env: NodeJS.ProcessEnv): readonly string[] => {
    try {
      readConfig(env);
      return [];
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
  };

  it('refuses to start in production without TWILIO_AUTH_TOKEN, saying what to set', () => {
    expect(problemsOf({ ...PRODUCTION, TWILIO_AUTH_TOKEN: '' })).to.deep.equal(['TWILIO_AUTH_TOKEN: required in production; copy it from the Twilio console (Account > API keys & tokens)']);
  });

  it('starts in production with a token and PUBLIC_URL', () => {
    expect(readConfig(PRODUCTION).production).to.equal(true);
  });

  it('treats any NODE_ENV but development or test as production, whatever its case', () => {
    for (const value of ['Production', 'PRODUCTION', 'prod', 'staging', ' production ']) {
      expect(readConfig({ ...PRODUCTION, NODE_ENV: value }).production, value).to.equal(true);
      expect(problemsOf({ NODE_ENV: value }), value).to.have.length(2);
    }
    for (const value of ['development', 'Development', 'test', '']) expect(readConfig({ NODE_ENV: value }).production, value).to.equal(false);
    expect(readConfig({}).production).to.equal(false);
  });

  it('allows SKIP_TWILIO_SIGNATURE only when NODE_ENV is explicitly development or test', () => {
    expect(readConfig({ NODE_ENV: 'development', SKIP_TWILIO_SIGNATURE: 'true' }).skipTwilioSignature).to.equal(true);
    expect(readConfig({ NODE_ENV: 'test', SKIP_TWILIO_SIGNATURE: 'true' }).skipTwilioSignature).to.equal(true);
    for (const env of [{}, { NODE_ENV: 'Production' }, { NODE_ENV: 'prod' }, { ...PRODUCTION }]) {
      expect(problemsOf({ ...env, SKIP_TWILIO_SIGNATURE: 'true' }).filter((p) => p.startsWith('SKIP_TWILIO_SIGNATURE: allowed only when NODE_ENV is development or test')), JSON.stringify(env)).to.have.length(1);
    }
  });

  it('requires PUBLIC_URL in production, or PUBLIC_HOSTS naming the hosts a proxy may forward', () => {
    const problems = problemsOf({ ...PRODUCTION, PUBLIC_URL: '', TRUST_PROXY: 'true' });
    expect(problems).to.have.length(1);
    expect(problems[0]).to.match(/^PUBLIC_URL: required in production, or else TRUST_PROXY=true with PUBLIC_HOSTS/);
    const proxied = readConfig({ ...PRODUCTION, PUBLIC_URL: '', TRUST_PROXY: 'true', PUBLIC_HOSTS: 'Bot.example.com, bot.example.com:8443' });
    expect(proxied.publicHosts).to.deep.equal(['bot.example.com', 'bot.example.com:8443']);
  });

  it('names a PUBLIC_HOSTS entry that is not a host', () => {
    expect(problemsOf({ PUBLIC_HOSTS: 'bot.example.com, https://x.example.com/bot' })).to.deep.equal([
      'PUBLIC_HOSTS: "https://x.example.com/bot" is not a host name; list names like bot.example.com or bot.example.com:8443, separated by commas',
    ]);
  });

  it('refuses MESSAGE_LOG=:memory: in production, which forgets redeliveries on restart', () => {
    expect(problemsOf({ ...PRODUCTION, MESSAGE_LOG: ':memory:' })).to.deep.equal([
      'MESSAGE_LOG: ":memory:" forgets every MessageSid on restart, so Twilio redeliveries are answered twice; give it a file path in production',
    ]);
    expect(readConfig({ MESSAGE_LOG: ':memory:' }).messageLogPath).to.equal(':memory:');
  });

  it('reads the request timeout and connection cap, 10 s and 500 by default', () => {
    expect([readConfig({}).requestTimeoutMs, readConfig({}).maxConnections]).to.deep.equal([10_000, 500]);
    const set = readConfig({ REQUEST_TIMEOUT_MS: '2500', MAX_CONNECTIONS: '64' });
    expect([set.requestTimeoutMs, set.maxConnections]).to.deep.equal([2500, 64]);
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
