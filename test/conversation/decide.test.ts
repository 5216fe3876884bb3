import { expect } from 'chai';
import { decide, DEFAULT_CONVERSATION_SETTINGS, type Turn } from '../../src/conversation/decide';
import { type SenderState } from '../../src/conversation/state-store';
import { DEFAULT_REPLIES } from '../../src/corpus/replies';
import { type BotReply } from '../../src/reply/types';

const NOW = Date.UTC(2026, 10, 27, 9, 0, 0);
const MINUTE = 60_000;

const answer = (id: string, text: string, extra: Partial<BotReply> = {}): BotReply => ({ text, answerId: id, score: 0.9, fallback: null, candidates: [], ...extra });
const rule = (fallback: BotReply['fallback'], text = `${String(fallback)} text`, extra: Partial<BotReply> = {}): BotReply => ({ text, answerId: null, score: 0.01, fallback, candidates: [], ...extra });

const ANSWERS: Record<string, BotReply> = {
  rent: answer('rent', 'Renting costs £15.', { choices: [{ id: 'book', question: 'how do i book' }], choicesText: 'More:\n1. how do i book' }),
  repair: answer('repair', 'A repair costs £30.'),
  book: answer('book', 'Book online.'),
};

/** A turn with the bakery defaults, where the bot's own reply to the text is `reply`. */
const turn = (text: string, reply: BotReply, state?: SenderState, now = NOW): Turn => ({
  state,
  text,
  now,
  reply,
  answer: (id) => ANSWERS[id] ?? null,
  replies: DEFAULT_REPLIES,
  settings: DEFAULT_CONVERSATION_SETTINGS,
});

const offered: SenderState = { fallbackStreak: 0, choices: { answerIds: ['rent', 'repair'], expiresAt: NOW + 15 * MINUTE } };

describe('decide', () => {
  describe('numbered choices', () => {
    it('remembers the choices a reply offers, until CHOICE_TTL from now', () => {
      const reply = rule('choices', 'Which one?', { choices: [{ id: 'rent', question: 'rent?' }, { id: 'repair', question: 'repair?' }] });
      const decision = decide(turn('how much does it cost', reply));
      expect(decision.text).to.equal('Which one?');
      expect(decision.state).to.deep.equal(offered);
    });

    for (const typed of ['2', '2.', '#2', '2️⃣', ' 2 ', '2)']) {
      it(`"${typed}" picks the second choice`, () => {
        const decision = decide(turn(typed, rule('fallback'), offered));
        expect(decision).to.include({ text: 'A repair costs £30.', answerId: 'repair', fallback: null });
        expect(decision.state).to.deep.equal({ fallbackStreak: 0 });
      });
    }

    it('a picked answer with follow-ups offers them in turn', () => {
      const decision = decide(turn('1', rule('fallback'), offered));
      expect(decision).to.include({ text: 'Renting costs £15.', choicesText: 'More:\n1. how do i book' });
      expect(decision.state.choices).to.deep.equal({ answerIds: ['book'], expiresAt: NOW + 15 * MINUTE });
    });

    it('matches a number as a message once CHOICE_TTL has passed', () => {
      const decision = decide(turn('2', rule('fallback', 'Sorry'), offered, NOW + 15 * MINUTE));
      expect(decision).to.include({ text: 'Sorry', answerId: null, fallback: 'fallback' });
    });

    it('matches a number as a message when nothing is pending, or when it is not one of those shown', () => {
      expect(decide(turn('2', rule('fallback', 'Sorry'))).text).to.equal('Sorry');
      expect(decide(turn('3', rule('fallback', 'Sorry'), offered)).text).to.equal('Sorry');
      expect(decide(turn('0', rule('fallback', 'Sorry'), offered)).text).to.equal('Sorry');
    });

    it('anything else is matched as a new message, and the old choices are dropped', () => {
      const decision = decide(turn('2 bikes please', answer('book', 'Book online.'), offered));
      expect(decision.text).to.equal('Book online.');
      expect(decision.state).to.deep.equal({ fallbackStreak: 0 });
    });
  });

  describe('hand-off', () => {
    it('starts when the customer asks for a person: the human text, the resume word, a pause of HANDOFF_PAUSE', () => {
      const decision = decide(turn('talk to a human', rule('human', DEFAULT_REPLIES.human)));
      expect(decision.text).to.equal(`${DEFAULT_REPLIES.human}\n\nUntil then I will stay quiet. Send *bot* to talk to me again.`);
      expect(decision.handoff).to.equal('asked');
      expect(decision.state).to.deep.equal({ fallbackStreak: 0, pause: { startedAt: NOW, until: NOW + 12 * 60 * MINUTE, reason: 'asked' } });
    });

    it('starts at the third fallback in a row, and not before', () => {
      const first = decide(turn('zz', rule('fallback')));
      expect(first.state.fallbackStreak).to.equal(1);
      const second = decide(turn('yy', rule('fallback'), first.state));
      expect(second).to.include({ fallback: 'fallback' });
      expect(second.handoff).to.equal(undefined);
      const third = decide(turn('xx', rule('fallback'), second.state));
      expect(third).to.include({ fallback: 'handoff', handoff: 'fallbacks' });
      expect(third.text).to.match(/^Sorry I could not help/);
    });

    it('an answer in between breaks the streak', () => {
      const state = decide(turn('ok', answer('book', 'Book online.'), { fallbackStreak: 2 })).state;
      expect(state.fallbackStreak).to.equal(0);
    });

    it('HANDOFF_AFTER_FALLBACKS=0 never hands off for fallbacks', () => {
      const never = { ...turn('zz', rule('fallback'), { fallbackStreak: 50 }), settings: { ...DEFAULT_CONVERSATION_SETTINGS, handoffAfterFallbacks: 0 } };
      expect(decide(never).handoff).to.equal(undefined);
    });

    const paused: SenderState = { fallbackStreak: 0, pause: { startedAt: NOW, until: NOW + 60 * MINUTE, reason: 'asked' } };

    it('is silent during the pause, even for a number or a clear question, and keeps the pause', () => {
      for (const text of ['when are you open', '1', 'human']) {
        const decision = decide(turn(text, answer('book', 'Book online.'), paused, NOW + MINUTE));
        expect(decision).to.include({ text: null, fallback: 'paused' });
        expect(decision.state).to.deep.equal(paused);
      }
    });

    it('the resume word ends the pause, whatever its case and punctuation', () => {
      for (const text of ['bot', 'BOT!', ' Bot 🤖 ']) {
        const decision = decide(turn(text, rule('bot'), paused, NOW + MINUTE));
        expect(decision).to.include({ text: DEFAULT_REPLIES.resumed, fallback: 'resumed' });
        expect(decision.state).to.deep.equal({ fallbackStreak: 0 });
      }
    });

    it('answers again once the pause has ended', () => {
      expect(decide(turn('how do i book', answer('book', 'Book online.'), paused, NOW + 60 * MINUTE)).text).to.equal('Book online.');
    });
  });
});
