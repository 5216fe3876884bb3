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

/** Rows to pick the threshold on, none of them in TEST: a threshold is never judged on the rows it was tuned on. */
const TUNE = `text,label
are you open on sunday,hours
how do i get to the shop,location
is delivery free,delivery
what is the weather like,
tell me a joke about cats,
`;

/** Off-topic rows that share words with the corpus, so a threshold tuned elsewhere answers some of them. */
const HELD_OUT = `${TEST}what time is the football on,
where is the football match,
how much is a house in peru,
do you open the door for cats,
what is your favourite colour,
`;

describe('runEval', () => {
  const train = labeledToCorpus(parseLabeledCsv(TRAIN, 'train.csv'), 'train.csv');

  it('builds an index from the training rows and reports every figure', () => {
    const { report, counts, tuned } = runEval({ train, tune: parseLabeledCsv(TUNE, 'tune.csv'), test: parseLabeledCsv(TEST, 'test.csv') });
    expect(Object.keys(report).sort()).to.deep.equal(['accuracy', 'buildMs', 'inScopeAccuracy', 'n', 'oosPrecision', 'oosRecall', 'queryP50Ms', 'queryP99Ms', 'threshold']);
    expect(tuned).to.equal(true);
    expect(report.n).to.equal(4);
    expect(counts).to.deep.equal({ trainAnswers: 3, trainQuestions: 9, tune: 5, testInScope: 3, testOos: 1 });
  });

  it('picks the threshold on the tuning rows alone and scores the test rows with it', () => {
    const tune = parseLabeledCsv(TUNE, 'tune.csv');
    const test = parseLabeledCsv(HELD_OUT, 'held-out.csv');
    const { report, errors } = runEval({ train, tune, test });
    // The same threshold as tuning and testing on the tuning rows, and another one than the test rows would pick.
    expect(report.threshold).to.equal(runEval({ train, tune, test: tune }).report.threshold);
    const tunedOnTest = runEval({ train, tune: test, test }).report;
    expect(report.threshold).to.not.equal(tunedOnTest.threshold);
    // Judged on rows it was not tuned on, it does worse than the flattering figure a threshold tuned on the test rows gives.
    expect(errors.length).to.be.greaterThan(0);
    expect(report.accuracy).to.equal((test.length - errors.length) / test.length);
    expect(report.accuracy).to.be.below(tunedOnTest.accuracy);
    // Every error here is an off-topic row answered: the in-scope rows are all still right.
    expect(errors.every((error) => error.expected === null && error.predicted !== null && error.confidence >= report.threshold)).to.equal(true);
    const offTopic = test.filter((row) => row.label === null).length;
    expect(report.oosRecall).to.equal((offTopic - errors.length) / offTopic);
    expect(report.inScopeAccuracy).to.equal(1);
  });

  it('reports the median and 99th-percentile time of the test queries: two slow queries among 100 show in p99 alone', () => {
    // 2,000 words each: many times the work of a short question, whatever the machine is doing meanwhile.
    const long = (seed: number): string => Array.from({ length: 2000 }, (_, i) => `word${seed}x${i}`).join(' ');
    // The slow rows come first, so that a p99 read off the unsorted samples would miss them.
    const rows = [long(1), long(2), ...Array.from({ length: 98 }, (_, i) => (i % 2 === 0 ? 'when do you open' : 'where are you'))];
    const { report } = runEval({ train, test: rows.map((text) => ({ text, label: 'hours' })) });
    expect(report.queryP50Ms).to.be.above(0);
    expect(report.queryP99Ms).to.be.above(20 * report.queryP50Ms);
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
      { text: 'do you deliver cakes', expected: 'hours', predicted: 'delivery', rank: 3 },
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

