import { expect } from 'chai';
import { CorpusError } from '../../src/corpus/corpus-error';
import { groupEntries, OUT_OF_SCOPE_ID } from '../../src/corpus/group-entries';
import { type CorpusRow } from '../../src/corpus/types';

let line = 1;
function row(id: string, question: string, answer = '', category = ''): CorpusRow {
  line++;
  return { id, question, answer, category, source: { file: 'faq.csv', line } };
}

function messagesOf(rows: CorpusRow[]): string[] {
  try {
    groupEntries(rows);
  } catch (error) {
    if (error instanceof CorpusError) return error.problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
    throw error;
  }
  throw new Error('expected a CorpusError');
}

describe('groupEntries', () => {
  beforeEach(() => {
    line = 1;
  });

  it('groups rows that share an id into one answer with all its questions and the row of each', () => {
    const { entries } = groupEntries([row('hours', 'when do you open', 'At 9.', 'Visit'), row('where', 'where are you', 'Mill Lane.'), row('hours', 'opening times')]);
    expect(entries).to.deep.equal([
      {
        id: 'hours',
        answer: 'At 9.',
        category: 'Visit',
        questions: ['when do you open', 'opening times'],
        source: { file: 'faq.csv', line: 2 },
        questionSources: [{ file: 'faq.csv', line: 2 }, { file: 'faq.csv', line: 4 }],
      },
      { id: 'where', answer: 'Mill Lane.', category: '', questions: ['where are you'], source: { file: 'faq.csv', line: 3 }, questionSources: [{ file: 'faq.csv', line: 3 }] },
    ]);
  });

  it('accepts the same answer repeated on several rows of one id', () => {
    const { entries } = groupEntries([row('hours', 'when do you open', 'At 9.'), row('hours', 'opening times', 'At 9.')]);
    expect(entries).to.have.length(1);
  });

  it('names the row of a second, different answer for one id', () => {
    expect(messagesOf([row('hours', 'when do you open', 'At 9.'), row('hours', 'opening times', 'At 10.')])).to.deep.equal([
      'faq.csv:3: id "hours" already has a different answer at faq.csv:2; keep one answer per id and leave the cell empty on the other rows',
    ]);
  });

  it('names a row with no question', () => {
    expect(messagesOf([row('hours', 'when do you open', 'At 9.'), row('hours', '')])).to.deep.equal([
      'faq.csv:3: the row for id "hours" has no question; write how a customer would ask, or delete the row',
    ]);
  });

  it('names an id with no answer at its first row', () => {
    expect(messagesOf([row('hours', 'when do you open'), row('hours', 'opening times')])).to.deep.equal([
      'faq.csv:2: id "hours" has no answer; write it in the answer cell of one of its rows',
    ]);
  });

  it('names a row with no id', () => {
    expect(messagesOf([row('', 'when do you open', 'At 9.')])).to.deep.equal(['faq.csv:2: the row has no id; give it the id of the answer it asks for']);
  });

  it('collects out-of-scope rows as examples of messages not to answer, not as an answer', () => {
    const grouped = groupEntries([row('hours', 'when do you open', 'At 9.'), row(OUT_OF_SCOPE_ID, 'tell me a joke'), row(OUT_OF_SCOPE_ID, 'what is the weather')]);
    expect(grouped.entries.map((e) => e.id)).to.deep.equal(['hours']);
    expect(grouped.outOfScope).to.deep.equal(['tell me a joke', 'what is the weather']);
    expect(grouped.outOfScopeSources).to.deep.equal([{ file: 'faq.csv', line: 3 }, { file: 'faq.csv', line: 4 }]);
  });

  it('names an out-of-scope row that has an answer', () => {
    expect(messagesOf([row(OUT_OF_SCOPE_ID, 'tell me a joke', 'Ha ha.')])).to.deep.equal([
      'faq.csv:2: rows with the id "out-of-scope" are messages the bot should not answer; leave their answer empty',
    ]);
  });

  it('reports every problem at once, in file and line order', () => {
    expect(messagesOf([row('a', ''), row('b', 'q')])).to.have.length(3);
  });
});
