import { expect } from 'chai';
import { ConfigError, readConfig } from '../../src/config/config';

/** The problems a ConfigError lists for `env`, or [] when it is accepted. */
function problems(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    readConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('conversation settings', () => {
  it('default to a 15 min CHOICE_TTL, a hand-off after 3 fallbacks, a 12 h pause, the word "bot" and no webhook', () => {
    const config = readConfig({});
    expect({
      choiceTtlMs: config.choiceTtlMs,
      handoffAfterFallbacks: config.handoffAfterFallbacks,
      handoffPauseMs: config.handoffPauseMs,
      resumeWord: config.resumeWord,
      handoffWebhookUrl: config.handoffWebhookUrl,
      handoffWebhookSecret: config.handoffWebhookSecret,
    }).to.deep.equal({ choiceTtlMs: 900_000, handoffAfterFallbacks: 3, handoffPauseMs: 43_200_000, resumeWord: 'bot', handoffWebhookUrl: undefined, handoffWebhookSecret: undefined });
  });

  it('read durations with their unit', () => {
    expect(readConfig({ CHOICE_TTL: '90s', HANDOFF_PAUSE: '1.5h' })).to.include({ choiceTtlMs: 90_000, handoffPauseMs: 5_400_000 });
    expect(readConfig({ CHOICE_TTL: '500ms', HANDOFF_PAUSE: '2d' })).to.include({ choiceTtlMs: 500, handoffPauseMs: 172_800_000 });
  });

  it('read a duration with spaces around it or before its unit, and a fraction of more than one digit', () => {
    expect(readConfig({ CHOICE_TTL: ' 90s ', HANDOFF_PAUSE: '1.25h' })).to.include({ choiceTtlMs: 90_000, handoffPauseMs: 4_500_000 });
    expect(readConfig({ CHOICE_TTL: '15 m' }).choiceTtlMs).to.equal(900_000);
  });

  it('refuse a duration without a unit, or with anything before the number or after the unit, naming the setting', () => {
    for (const bad of ['15', 'in 15m', '15min', '15m!']) {
      expect(problems({ CHOICE_TTL: bad }), bad).to.deep.equal(['CHOICE_TTL: must be a number with a unit: ms, s, m, h or d (e.g. 15m, 12h)']);
    }
  });

  it('read the number of fallbacks before a hand-off, 0 to turn it off, and refuse a negative one', () => {
    expect(readConfig({ HANDOFF_AFTER_FALLBACKS: '5' }).handoffAfterFallbacks).to.equal(5);
    expect(readConfig({ HANDOFF_AFTER_FALLBACKS: '0' }).handoffAfterFallbacks).to.equal(0);
    expect(problems({ HANDOFF_AFTER_FALLBACKS: '-1' })).to.have.length(1).and.satisfy((list: string[]) => list[0]!.startsWith('HANDOFF_AFTER_FALLBACKS: '));
  });

  it('refuse a resume word that is not one word', () => {
    expect(problems({ RESUME_WORD: 'hey bot' })).to.deep.equal(['RESUME_WORD: must be one word of letters or digits, e.g. bot']);
    expect(readConfig({ RESUME_WORD: 'robô' }).resumeWord).to.equal('robô');
    expect(readConfig({ RESUME_WORD: ' Bot\n' }).resumeWord).to.equal('Bot');
  });

  it('require a secret of at least 16 characters with HANDOFF_WEBHOOK_URL', () => {
    const expected = ['HANDOFF_WEBHOOK_SECRET: required with HANDOFF_WEBHOOK_URL, at least 16 characters, so the receiver can check that a hand-off came from this bot'];
    expect(problems({ HANDOFF_WEBHOOK_URL: 'https://hooks.example.com/faqbot' })).to.deep.equal(expected);
    expect(problems({ HANDOFF_WEBHOOK_URL: 'https://hooks.example.com/faqbot', HANDOFF_WEBHOOK_SECRET: 'short' })).to.deep.equal(expected);
    expect(readConfig({ HANDOFF_WEBHOOK_URL: 'https://hooks.example.com/faqbot', HANDOFF_WEBHOOK_SECRET: '0123456789abcdef' })).to.include({ handoffWebhookUrl: 'https://hooks.example.com/faqbot' });
  });

  it('take HANDOFF_WEBHOOK_URL only as an http(s) address, and blank ones as unset', () => {
    const secret = '0123456789abcdef';
    expect(readConfig({ HANDOFF_WEBHOOK_URL: 'http://127.0.0.1:9000/handoff', HANDOFF_WEBHOOK_SECRET: secret }).handoffWebhookUrl).to.equal('http://127.0.0.1:9000/handoff');
    for (const bad of ['ftp://example.com', 'git+https://hooks.example.com', 'httpx://hooks.example.com']) {
      expect(problems({ HANDOFF_WEBHOOK_URL: bad, HANDOFF_WEBHOOK_SECRET: secret }), bad).to.deep.equal(['HANDOFF_WEBHOOK_URL: must be the http(s) address hand-offs are POSTed to']);
    }
    expect(readConfig({ HANDOFF_WEBHOOK_URL: '', HANDOFF_WEBHOOK_SECRET: '' })).to.include({ handoffWebhookUrl: undefined, handoffWebhookSecret: undefined });
    expect(readConfig({ HANDOFF_WEBHOOK_SECRET: secret }).handoffWebhookSecret).to.equal(secret);
  });
});
