import { expect } from 'chai';
import { join } from 'node:path';
import { loadCorpus } from '../../src/corpus/load-corpus';
import { readLabeledCsv } from '../../src/eval/labeled-csv';
import { runEval } from '../../src/eval/run-eval';

const ROOT = join(__dirname, '../..');

describe('the sample corpus, as an editor’s regression set would check it', () => {
  it('answers customer paraphrases it was never shown and falls back on off-topic messages, at the shipped threshold', () => {
    const { report, counts } = runEval({ train: loadCorpus(join(ROOT, 'corpus')), test: readLabeledCsv(join(ROOT, 'test/fixtures/sample-messages.csv')) });
    expect(counts).to.include({ testInScope: 12, testOos: 10 });
    // 11 of 12: "can i bring my labrador in" shares no word with the dogs-allowed questions.
    expect(report.inScopeAccuracy).to.be.at.least(11 / 12);
    expect(report.oosRecall).to.be.at.least(0.8);
  });
});
