import { expect } from 'chai';
import { detectSmallTalk } from '../../src/reply/small-talk';

describe('detectSmallTalk', () => {
  const cases: Array<[string, ReturnType<typeof detectSmallTalk>]> = [
    ['Hi!', 'greeting'],
    ['good morning', 'greeting'],
    ['hello there', 'greeting'],
    ['thanks a lot', 'thanks'],
    ['Thank you so much!', 'thanks'],
    ['ok bye', 'goodbye'],
    ['see you', 'goodbye'],
    ['help', 'help'],
    ['menu', 'help'],
    ['what can you do?', 'help'],
    ['can I talk to a human please', 'human'],
    ['I want to speak to someone', 'human'],
    ['customer service', 'human'],
    ['can someone fix my brakes', null],
    ['when do you open', null],
    ['hi, can you tell me if you do gluten free bread on fridays', null],
    ['', null],
  ];
  for (const [text, expected] of cases) {
    it(`reads "${text}" as ${expected ?? 'no small talk'}`, () => {
      expect(detectSmallTalk(text)).to.equal(expected);
    });
  }
});
