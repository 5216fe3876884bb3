import { expect } from 'chai';
import { findExactDuplicates, findNearDuplicates, type QuestionForms } from '../../src/lint/duplicate-questions';
import { type LintQuestion } from '../../src/lint/types';
import { tokenize } from '../../src/text/tokenize';

// Words as stems, so the tests read plainly; lint itself uses the index's stemmer.
const FORMS: QuestionForms = { key: (text) => tokenize(text).join(' '), stems: (text) => [...new Set(tokenize(text))] };

function questions(...rows: [id: string, text: string, line: number][]): LintQuestion[] {
  return rows.map(([id, text, line], nth) => ({ id, text, source: { file: 'faq.csv', line }, answer: 0, nth }));
}

const at = (warnings: { file: string; line: number; message: string }[]): string[] => warnings.map((w) => `${w.file}:${w.line}: ${w.message}`);

describe('findExactDuplicates', () => {
  it('names the later row of a question written under two ids, whatever its case, accents and punctuation', () => {
    const found = findExactDuplicates(questions(['delivery', 'When do you OPEN?', 9], ['hours', 'when do you open', 3], ['hours', 'opening times', 4]), FORMS);
    expect(at(found)).to.deep.equal(['faq.csv:9: the question "When do you OPEN?" (id "delivery") is also under id "hours" at faq.csv:3']);
    expect(found[0]).to.include({ check: 'duplicate', advice: 'keep it under the one id it asks for and delete the other row' });
    expect(found[0]?.related).to.deep.equal({ file: 'faq.csv', line: 3 });
  });

  it('leaves a question repeated under its own id alone', () => {
    expect(findExactDuplicates(questions(['hours', 'when do you open', 2], ['hours', 'When do you open?', 3]), FORMS)).to.deep.equal([]);
  });

  it('names each row of a question written under three ids', () => {
    const found = findExactDuplicates(questions(['a', 'café hours', 2], ['b', 'cafe hours', 5], ['c', 'Cafe hours!', 7]), FORMS);
    expect(found.map((w) => w.line)).to.deep.equal([5, 7]);
  });
});

describe('findNearDuplicates', () => {
  it('names the later row of two questions under two ids that share most of their words, with the closer one', () => {
    const found = findNearDuplicates(
      questions(['gluten-free', 'do you have gluten free bread', 9], ['cake', 'do you have gluten free bread please', 16], ['bread', 'do you have bread', 20]),
      FORMS,
      0.8,
    );
    expect(at(found)).to.deep.equal(['faq.csv:16: the question "do you have gluten free bread please" (id "cake") is nearly the same as "do you have gluten free bread" under id "gluten-free" at faq.csv:9']);
  });

  it('does not count questions that differ in the words that matter, or exact duplicates', () => {
    const found = findNearDuplicates(questions(['open', 'when do you open', 2], ['close', 'when do you close', 3], ['other', 'When do you open?', 4]), FORMS, 0.8);
    expect(found).to.deep.equal([]);
  });

  it('finds every pair above the similarity that a comparison of all pairs finds', () => {
    const words = ['bike', 'hire', 'price', 'ebike', 'repair', 'how', 'much', 'is', 'a', 'the', 'service', 'day'];
    let seed = 7;
    const next = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const list = questions(
      ...Array.from({ length: 300 }, (_, i): [string, string, number] => [`id${i % 13}`, Array.from({ length: 3 + Math.floor(next() * 5) }, () => words[Math.floor(next() * words.length)]).join(' '), i + 2]),
    );
    const found = new Set(findNearDuplicates(list, FORMS, 0.75).map((w) => w.line));
    const expected = new Set<number>();
    for (const a of list) {
      for (const b of list) {
        if (a.id === b.id || FORMS.key(a.text) === FORMS.key(b.text) || b.source.line >= a.source.line) continue;
        const x = new Set(FORMS.stems(a.text));
        const y = FORMS.stems(b.text);
        const common = y.filter((s) => x.has(s)).length;
        if (common / (x.size + y.length - common) >= 0.75) expected.add(a.source.line);
      }
    }
    expect(expected.size).to.be.greaterThan(10);
    expect([...found].sort((p, q) => p - q)).to.deep.equal([...expected].sort((p, q) => p - q));
  });
});
