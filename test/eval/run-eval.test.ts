import { expect } from 'chai';
import { labeledToCorpus } from '../../src/eval/labeled-corpus';
import { parseLabeledCsv } from '../../src/eval/labeled-csv';
import { parse } from 'csv-parse/sync';
import { formatErrorsCsv } from '../../src/eval/error-rows';
import { runEval } from '../../src/eval/run-eval';
import { CorpusError } from '../../src/corpus/corpus-error';

const TRAIN = `text,label
when do you open,hours
what are your opening hours,hours
what time do you close,hours
where are you,location
what is your address,location
how do i find the shop,location
do you deliver,delivery
how much is delivery,delivery
can you bring it to my house,delivery
what is the capital of peru,
`;

const TEST = `text,label
what time do you open,hours
where is your shop,location
do you deliver to my house,delivery
who won the football last night,
`;

describe('parseLabeledCsv', () => {
  it('reads text and label, an empty label meaning out of scope', () => {
    expect(parseLabeledCsv('text,label\nhi there,greet\nwhat is love,\n', 'x.csv')).to.deep.equal([
      { text: 'hi there', label: 'greet' },
      { text: 'what is love', label: null },
    ]);
  });

  it('refuses a file without the text,label header', () => {
    expect(() => parseLabeledCsv('id,question\na,b\n', 'x.csv')).to.throw(CorpusError, 'x.csv:1: a labeled-utterance file needs the header "text,label"');
  });
});

describe('labeledToCorpus', () => {
  it('makes one answer per label and leaves out-of-scope rows out', () => {
    const corpus = labeledToCorpus(parseLabeledCsv(TRAIN, 'train.csv'), 'train.csv');
    expect(corpus.entries.map((e) => [e.id, e.questions.length])).to.deep.equal([
      ['hours', 3],
      ['location', 3],
      ['delivery', 3],
    ]);
  });
});

describe('runEval', () => {
  it('builds an index from the training rows and reports every figure on the test rows', () => {
    const train = labeledToCorpus(parseLabeledCsv(TRAIN, 'train.csv'), 'train.csv');
    const test = parseLabeledCsv(TEST, 'test.csv');
    const { report, counts, tuned } = runEval({ train, test, tune: test });
    expect(Object.keys(report).sort()).to.deep.equal(['accuracy', 'buildMs', 'inScopeAccuracy', 'n', 'oosPrecision', 'oosRecall', 'queryP50Ms', 'queryP99Ms', 'threshold']);
    expect(tuned).to.equal(true);
    expect(report.n).to.equal(4);
    expect(counts).to.deep.equal({ trainAnswers: 3, trainQuestions: 9, tune: 4, testInScope: 3, testOos: 1 });
    // Tuned on the test rows themselves, every row can be right.
    expect(report).to.include({ inScopeAccuracy: 1, oosRecall: 1, oosPrecision: 1, accuracy: 1 });
    expect(report.queryP99Ms).to.be.at.least(report.queryP50Ms);
  });
});

describe('runEval errors', () => {
  const train = labeledToCorpus(parseLabeledCsv(TRAIN, 'train.csv'), 'train.csv');
  const test = parseLabeledCsv(
    `text,label
what time do you open,hours
do you deliver cakes,hours
where are you,
who won the football last night,
zebra giraffe elephant penguin opening,hours
`,
    'test.csv',
  );

  it('lists each wrong row in file order: a wrong answer, an off-topic row answered, a right answer refused', () => {
    const { errors } = runEval({ train, test });
    expect(errors.map(({ confidence, ...rest }) => rest)).to.deep.equal([
      { text: 'do you deliver cakes', expected: 'hours', predicted: 'delivery', rank: 2 },
      { text: 'where are you', expected: null, predicted: 'location', rank: null },
      { text: 'zebra giraffe elephant penguin opening', expected: 'hours', predicted: null, rank: 1 },
    ]);
    expect(errors[0]!.confidence).to.be.above(0.07);
    expect(errors[2]!.confidence).to.be.below(0.07);
  });

  it('lists no row when every row is right', () => {
    expect(runEval({ train, test: test.slice(0, 1) }).errors).to.deep.equal([]);
  });
});

describe('formatErrorsCsv', () => {
  it('writes a header and one row per error that a CSV parser reads back, commas, quotes and line breaks included', () => {
    const csv = formatErrorsCsv([
      { text: 'a "quoted", comma\nand a new line', expected: 'hours', predicted: null, confidence: 0.0123456, rank: 1 },
      { text: 'off topic', expected: null, predicted: 'location', confidence: 0.9, rank: null },
    ]);
    expect(parse(csv, { columns: true })).to.deep.equal([
      { text: 'a "quoted", comma\nand a new line', expected: 'hours', predicted: '', confidence: '0.0123', rank: '1' },
      { text: 'off topic', expected: '', predicted: 'location', confidence: '0.9000', rank: '' },
    ]);
  });
});

