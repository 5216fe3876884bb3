import { expect } from 'chai';
import { type Corpus, type FaqEntry } from '../../src/corpus/types';
import { DEFAULT_REPLIES } from '../../src/corpus/replies';
import { findFewQuestions } from '../../src/lint/few-questions';
import { findLongAnswers } from '../../src/lint/long-answers';

function corpusOf(...entries: FaqEntry[]): Corpus {
  return { entries, outOfScope: [], replies: DEFAULT_REPLIES, files: ['faq.csv'], hash: '' };
}

const entry = (id: string, answer: string, questions: string[], line: number): FaqEntry => ({
  id,
  answer,
  category: '',
  questions,
  source: { file: 'faq.csv', line },
  questionSources: questions.map((_, i) => ({ file: 'faq.csv', line: line + i })),
});

describe('findLongAnswers', () => {
  it('names the answer row of an answer over one WhatsApp message, and how many messages it becomes', () => {
    const long = `${'Our refund policy covers every order placed in the shop. '.repeat(30)}`.trim();
    const found = findLongAnswers(corpusOf(entry('terms', long, ['terms?', 'conditions?'], 20), entry('hours', 'At 9.', ['hours?'], 2)), 1600);
    expect(found).to.deep.equal([
      {
        file: 'faq.csv',
        line: 20,
        check: 'long-answer',
        message: `the answer of id "terms" is ${long.length.toLocaleString('en')} characters, over the 1,600 of one WhatsApp message, so it arrives as 2 messages`,
        advice: 'shorten it, or split it into answers of their own',
      },
    ]);
  });

  it('accepts an answer of exactly the limit', () => {
    expect(findLongAnswers(corpusOf(entry('terms', 'x'.repeat(1600), ['terms?'], 2)), 1600)).to.deep.equal([]);
  });
});

describe('findFewQuestions', () => {
  it('names the question row of an id with a single question', () => {
    expect(findFewQuestions(corpusOf(entry('parking', 'Behind the shop.', ['is there parking'], 21), entry('hours', 'At 9.', ['hours?', 'open?'], 2)), 2)).to.deep.equal([
      {
        file: 'faq.csv',
        line: 21,
        check: 'few-questions',
        message: 'id "parking" has a single question',
        advice: 'add two or three other ways customers ask for it, in their words',
      },
    ]);
  });
});
