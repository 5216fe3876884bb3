import { expect } from 'chai';
import { ConfigError, DEFAULT_INDEX_PATH, readConfig } from '../../src/config/config';
import { loadEnvFile } from '../../src/config/load-env-file';
import { makeTempDir } from '../helpers/temp-dir';

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
    for (const value of ['development', 'Development', 'test', ' test ', '']) expect(readConfig({ NODE_ENV: value }).production, value).to.equal(false);
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
    expect(problems[0]).to.equal(
      'PUBLIC_URL: required in production, or else TRUST_PROXY=true with PUBLIC_HOSTS listing the public host names Twilio calls; ' +
        'otherwise the client picks the host a signature is checked against, and one made for another webhook of the account passes',
    );
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

  it('listens on port 3000 on every interface, reads ./corpus into data/faqbot.sqlite and logs at info, unless told otherwise', () => {
    const config = readConfig({});
    expect(config).to.include({ port: 3000, host: '0.0.0.0', corpusDir: 'corpus', dbPath: DEFAULT_INDEX_PATH, logLevel: 'info', production: false, skipTwilioSignature: false });
    expect(DEFAULT_INDEX_PATH).to.equal('data/faqbot.sqlite');
    expect([config.twilioAuthToken, config.publicUrl, config.matchThreshold]).to.deep.equal([undefined, undefined, undefined]);
    expect(config.publicHosts).to.deep.equal([]);
    const set = readConfig({ PORT: '8080', HOST: '127.0.0.1', CORPUS_DIR: 'faq', FAQBOT_DB: 'faq.sqlite', LOG_LEVEL: 'warn', MATCH_THRESHOLD: '0.45', INDEX_POLL_MS: '500' });
    expect(set).to.include({ port: 8080, host: '127.0.0.1', corpusDir: 'faq', dbPath: 'faq.sqlite', logLevel: 'warn', matchThreshold: 0.45, indexPollMs: 500 });
  });

  it('reads true, 1 and yes as on, and false, 0, no and an empty value as off, and names anything else', () => {
    for (const on of ['true', '1', 'yes']) expect(readConfig({ TRUST_PROXY: on, REMOVE_STOP_WORDS: on }), on).to.include({ trustProxy: true, removeStopWords: true });
    for (const off of ['false', '0', 'no', '']) expect(readConfig({ TRUST_PROXY: off, NODE_ENV: 'test', SKIP_TWILIO_SIGNATURE: off }), off).to.include({ trustProxy: false, skipTwilioSignature: false });
    expect(problemsOf({ TRUST_PROXY: 'on' })).to.have.length(1).and.satisfy((problems: string[]) => problems[0]!.startsWith('TRUST_PROXY: '));
  });

  it('trims the auth token, and takes a blank one for none', () => {
    expect(readConfig({ TWILIO_AUTH_TOKEN: '  abc123\n' }).twilioAuthToken).to.equal('abc123');
    expect(readConfig({ TWILIO_AUTH_TOKEN: '   ' }).twilioAuthToken).to.equal(undefined);
  });

  it('takes PUBLIC_URL only as an http(s) address, and an empty one as unset', () => {
    expect(readConfig({ PUBLIC_URL: 'https://abc.ngrok-free.app' }).publicUrl).to.equal('https://abc.ngrok-free.app');
    expect(readConfig({ PUBLIC_URL: '' }).publicUrl).to.equal(undefined);
    for (const bad of ['ftp://abc.example.com', 'abc.ngrok-free.app']) {
      expect(problemsOf({ PUBLIC_URL: bad }), bad).to.deep.equal(['PUBLIC_URL: must be the http(s) address Twilio calls, e.g. https://abc123.ngrok-free.app']);
    }
  });

  it('takes each pino log level, a port up to 65535 and any positive rate limit', () => {
    for (const level of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) expect(readConfig({ LOG_LEVEL: level }).logLevel).to.equal(level);
    expect(readConfig({ PORT: '65535', RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW_MS: '1000' })).to.include({ port: 65535, rateLimitMax: 5, rateLimitWindowMs: 1000 });
    expect(problemsOf({ PORT: '65536' })).to.deep.equal(['PORT: Too big: expected number to be <=65535']);
  });

  it('names a MATCH_THRESHOLD outside 0..1, an unknown LOG_LEVEL and a blank MESSAGE_LOG', () => {
    expect(problemsOf({ MATCH_THRESHOLD: '1.5', LOG_LEVEL: 'loud', MESSAGE_LOG: '  ' }).map((problem) => problem.split(':')[0])).to.have.members(['MATCH_THRESHOLD', 'LOG_LEVEL', 'MESSAGE_LOG']);
    expect(readConfig({ MESSAGE_LOG: ' logs/messages.sqlite ' }).messageLogPath).to.equal('logs/messages.sqlite');
  });

  it('lists every problem in the error message, one indented line each, with where to fix them', () => {
    try {
      readConfig({ NODE_ENV: 'production' });
      expect.fail('readConfig accepted production without a token or public address');
    } catch (error) {
      expect((error as Error).name).to.equal('ConfigError');
      expect((error as Error).message).to.equal(
        `cannot start, fix these settings (environment or .env, see .env.example):\n${(error as ConfigError).problems.map((problem) => `  ${problem}`).join('\n')}`,
      );
      expect((error as ConfigError).problems.map((problem) => problem.split(':')[0])).to.deep.equal(['TWILIO_AUTH_TOKEN', 'PUBLIC_URL']);
    }
  });

  it('says why SKIP_TWILIO_SIGNATURE is refused: NODE_ENV unset, or set to a production value', () => {
    expect(problemsOf({ SKIP_TWILIO_SIGNATURE: 'true' })[0]).to.include('(it is not set)');
    expect(problemsOf({ NODE_ENV: 'staging', SKIP_TWILIO_SIGNATURE: 'true' })[0]).to.include('(it is another value, which counts as production)');
  });

  it('takes PUBLIC_URL over http as well as https, and refuses any other scheme, even one ending or starting like http', () => {
    expect(readConfig({ PUBLIC_URL: 'http://localhost:3000' }).publicUrl).to.equal('http://localhost:3000');
    for (const bad of ['git+https://bot.example.com', 'httpx://bot.example.com']) {
      expect(problemsOf({ PUBLIC_URL: bad }), bad).to.deep.equal(['PUBLIC_URL: must be the http(s) address Twilio calls, e.g. https://abc123.ngrok-free.app']);
    }
  });

  it('reads DATABASE_URL as a postgres:// or postgresql:// address, trimmed, a blank one as unset, and names anything else', () => {
    expect(readConfig({}).databaseUrl).to.equal(undefined);
    expect(readConfig({ DATABASE_URL: ' postgres://faqbot:secret@db.example.com:5432/faqbot\n' }).databaseUrl).to.equal('postgres://faqbot:secret@db.example.com:5432/faqbot');
    expect(readConfig({ DATABASE_URL: 'postgresql://db.example.com/faqbot' }).databaseUrl).to.equal('postgresql://db.example.com/faqbot');
    expect(readConfig({ DATABASE_URL: '  ' }).databaseUrl).to.equal(undefined);
    for (const bad of ['mysql://db.example.com/faqbot', 'db.example.com postgres://x']) {
      expect(problemsOf({ DATABASE_URL: bad }), bad).to.deep.equal(['DATABASE_URL: must be a PostgreSQL address, postgres://user:password@host:5432/database']);
    }
  });

  it('reads PUBLIC_HOSTS with spaces and stray commas, and a host with its default port', () => {
    expect(readConfig({ PUBLIC_HOSTS: ' A.example.com ,, b.example.com:8443, ' }).publicHosts).to.deep.equal(['a.example.com', 'b.example.com:8443']);
    expect(problemsOf({ PUBLIC_HOSTS: 'bot.example.com:80, bot.example.com:8080' })).to.deep.equal([]);
    expect(problemsOf({ PUBLIC_HOSTS: 'user@bot.example.com' })).to.have.length(1);
  });

  it('names a PUBLIC_HOSTS entry that is not even a valid address', () => {
    expect(problemsOf({ PUBLIC_HOSTS: 'bot example.com' })).to.deep.equal([
      'PUBLIC_HOSTS: "bot example.com" is not a host name; list names like bot.example.com or bot.example.com:8443, separated by commas',
    ]);
  });
});

describe('loadEnvFile', () => {
  const dir = makeTempDir();
  after(() => dir.cleanup());

  it('sets what .env says, never over a variable already set, and does nothing without the file', () => {
    dir.write('.env', 'FAQBOT_TEST_FROM_FILE=from-file\nFAQBOT_TEST_ALREADY=from-file\n');
    process.env.FAQBOT_TEST_ALREADY = 'from-environment';
    try {
      loadEnvFile(`${dir.path}/.env`);
      expect([process.env.FAQBOT_TEST_FROM_FILE, process.env.FAQBOT_TEST_ALREADY]).to.deep.equal(['from-file', 'from-environment']);
      expect(() => loadEnvFile(`${dir.path}/missing.env`)).not.to.throw();
    } finally {
      delete process.env.FAQBOT_TEST_FROM_FILE;
      delete process.env.FAQBOT_TEST_ALREADY;
    }
  });

  it('reads .env in the working folder by default, and prints nothing (stdout may carry JSON)', () => {
    const folder = makeTempDir();
    folder.write('.env', 'FAQBOT_TEST_DEFAULT_PATH=found\n');
    const cwd = process.cwd();
    const write = process.stdout.write;
    const printed: string[] = [];
    process.stdout.write = ((chunk: string | Uint8Array) => printed.push(String(chunk)) > 0) as typeof process.stdout.write;
    try {
      process.chdir(folder.path);
      loadEnvFile();
    } finally {
      process.stdout.write = write;
      process.chdir(cwd);
      folder.cleanup();
    }
    try {
      expect(process.env.FAQBOT_TEST_DEFAULT_PATH).to.equal('found');
      expect(printed).to.deep.equal([]);
    } finally {
      delete process.env.FAQBOT_TEST_DEFAULT_PATH;
    }
  });
});
