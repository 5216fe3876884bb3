import { expect } from 'chai';
import { type HeldOutAnswer } from '../../src/lint/cross-validate';
import { findMisanswered } from '../../src/lint/misanswered';
import { type Candidate } from '../../src/match/matcher';

function heldOut(id: string, text: string, line: number, top: [string, number] | undefined, answered = true): HeldOutAnswer {
  const candidate: Candidate | undefined = top === undefined ? undefined : { id: top[0], answer: '', category: '', question: '', score: top[1] };
  return { question: { id, text, source: { file: 'faq.csv', line }, answer: id === 'out-of-scope' ? null : 0, nth: 0 }, top: candidate, answered };
}

describe('findMisanswered', () => {
  it('names a question the bot confidently answers with another id once it has not seen it', () => {
    const [warning, ...rest] = findMisanswered([heldOut('gluten-free', 'can i order a birthday cake for my party', 12, ['cake-order', 0.97])], 0.5);
    expect(rest).to.deep.equal([]);
    expect(warning).to.deep.equal({
      file: 'faq.csv',
      line: 12,
      check: 'confusing',
      message: 'asked as a new message, "can i order a birthday cake for my party" (id "gluten-free") gets the answer of "cake-order" (confidence 0.97)',
      advice: 'add questions like it to "gluten-free", with the words that set it apart from "cake-order"',
    });
  });

  it('names an out-of-scope example the bot confidently answers', () => {
    expect(findMisanswered([heldOut('out-of-scope', 'do you deliver pizza', 30, ['delivery', 0.8])], 0.5)).to.deep.equal([
      {
        file: 'faq.csv',
        line: 30,
        check: 'out-of-scope-answered',
        message: 'the out-of-scope example "do you deliver pizza" gets the answer of "delivery" (confidence 0.80)',
        advice: 'give the row the id "delivery" if that answer is right, or else add more out-of-scope examples like it',
      },
    ]);
  });

  it('leaves alone right answers, unsure wrong ones, fallbacks, and messages that match nothing', () => {
    const answers = [
      heldOut('hours', 'when do you open', 2, ['hours', 0.9]),
      heldOut('hours', 'opening times', 3, ['location', 0.49]),
      heldOut('hours', 'open late?', 4, ['location', 0.9], false),
      heldOut('hours', 'zzz', 5, undefined, false),
      heldOut('out-of-scope', 'tell me a joke', 6, ['hours', 0.2]),
    ];
    expect(findMisanswered(answers, 0.5)).to.deep.equal([]);
    expect(findMisanswered(answers, 0.1).map((w) => w.line)).to.deep.equal([3, 6]);
  });
});
