import { expect } from 'chai';
import { join } from 'node:path';
import { loadCorpus } from '../../src/corpus/load-corpus';
import { type Corpus } from '../../src/corpus/types';
import { crossValidate, foldCorpora } from '../../src/lint/cross-validate';
import { listQuestions } from '../../src/lint/list-questions';
import { resolveLintOptions } from '../../src/lint/options';
import { BAKERY_CSV } from '../helpers/fixtures';
import { makeTempDir } from '../helpers/temp-dir';

/** A one-file corpus folder holding `csv`, loaded as reindex loads it (read whole, so the folder goes at once). */
function corpusOf(csv: string): Corpus {
  const dir = makeTempDir();
  try {
    dir.write('corpus/faq.csv', csv);
    return loadCorpus(join(dir.path, 'corpus'));
  } finally {
    dir.cleanup();
  }
}

describe('crossValidate', () => {
  const answersFor = (csv: string, folds = 5) => {
    const corpus = corpusOf(csv);
    const questions = listQuestions(corpus);
    return { questions, answers: crossValidate(corpus, questions, resolveLintOptions({ folds })) };
  };

  it('asks every question and out-of-scope example once, of an index built without it', () => {
    const { questions, answers } = answersFor(`${BAKERY_CSV}out-of-scope,tell me a joke,,\nout-of-scope,what is the weather,,\n`);
    expect(answers.map((a) => a.question)).to.deep.equal(questions);
    expect(questions).to.have.length(18);
    // Built without it, the bot has never seen "tell me a joke": it falls back rather than answer it.
    expect(answers.find((a) => a.question.text === 'tell me a joke')?.answered).to.equal(false);
  });

  it('answers a held-out question by the other questions of its id', () => {
    const { answers } = answersFor(BAKERY_CSV);
    const answer = answers.find((a) => a.question.text === 'are you open on sundays');
    expect(answer?.top?.id).to.equal('opening-hours');
    expect(answer?.answered).to.equal(true);
  });

  it('answers a question written under the wrong id with the id it asks for', () => {
    const csv = BAKERY_CSV.replace('gluten-free,is there bread without gluten,,', 'gluten-free,is there bread without gluten,,\ngluten-free,can i order a birthday cake for my party,,');
    const answer = answersFor(csv).answers.find((a) => a.question.text === 'can i order a birthday cake for my party');
    expect(answer?.question).to.include({ id: 'gluten-free' });
    expect(answer?.top?.id).to.equal('cake-order');
    expect(answer?.top?.score).to.be.greaterThan(0.5);
  });

  it('keeps an answer with its single question held out, answerable by its own text', () => {
    const { answers } = answersFor(`${BAKERY_CSV}parking,is there parking,"Yes, free parking behind the shop.",Visit\n`);
    expect(answers.find((a) => a.question.text === 'is there parking')?.top?.id).to.equal('parking');
  });
});

describe('foldCorpora', () => {
  it('holds every question out exactly once, from a corpus that keeps every answer in place', () => {
    const corpus = corpusOf(`${BAKERY_CSV}out-of-scope,tell me a joke,,\n`);
    const questions = listQuestions(corpus);
    const folds = foldCorpora(corpus, questions, 5);
    expect(folds).to.have.length(5);
    expect(folds.flatMap((f) => f.heldOut).sort((a, b) => a - b)).to.deep.equal(questions.map((_, i) => i));
    for (const { train, heldOut } of folds) {
      expect(train.entries.map((e) => e.id)).to.deep.equal(corpus.entries.map((e) => e.id));
      const trained = [...train.entries.flatMap((e) => e.questions), ...train.outOfScope];
      for (const i of heldOut) expect(trained).not.to.include(questions[i]!.text);
      expect(trained).to.have.length(questions.length - heldOut.length);
    }
  });

  it('leaves out the folds that would hold nothing', () => {
    const corpus = corpusOf('id,question,answer,category\nhours,when do you open,9 to 5,Info\nhours,are you open today,,\n');
    expect(foldCorpora(corpus, listQuestions(corpus), 5).map((f) => f.heldOut)).to.deep.equal([[0], [1]]);
  });
});
