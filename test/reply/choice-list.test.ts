import { expect } from 'chai';
import { formatChoices, pickedNumber } from '../../src/reply/choice-list';

describe('choice list', () => {
  it('numbers the questions one per line', () => {
    expect(formatChoices([{ id: 'a', question: 'How do I book?' }, { id: 'b', question: 'Can I cancel?' }])).to.equal('1. How do I book?\n2. Can I cancel?');
  });

  for (const [typed, number] of [['2', 2], ['2.', 2], ['#2', 2], ['# 2', 2], ['2️⃣', 2], ['2\u20E3', 2], [' 2 ', 2], ['2)', 2], ['12', 12]] as const) {
    it(`reads "${typed}" as ${number}`, () => expect(pickedNumber(typed)).to.equal(number));
  }

  for (const typed of ['', 'two', '2 please', '2.5', '1-2', '#', '123', '+2']) {
    it(`reads "${typed}" as no number`, () => expect(pickedNumber(typed)).to.equal(null));
  }
});
