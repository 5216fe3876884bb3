import { expect } from 'chai';
import { join } from 'node:path';
import { loadCorpus } from '../../src/corpus/load-corpus';
import { loadIndex } from '../../src/index/load-index';
import { buildModel } from '../../src/index/model';
import { resolveIndexOptions } from '../../src/index/options';
import { buildIndexFile } from '../../src/index/reindex';
import { indexInMemory } from '../../src/lint/in-memory-index';
import { createMatcher } from '../../src/match/matcher';
import { BAKERY_CSV, BAKERY_PARAPHRASES } from '../helpers/fixtures';
import { makeTempDir } from '../helpers/temp-dir';

describe('indexInMemory', () => {
  it('scores every message exactly as the index file reindex writes for the same corpus', () => {
    const dir = makeTempDir();
    try {
      dir.write('corpus/faq.csv', `${BAKERY_CSV}out-of-scope,tell me a joke,,\n`);
      const corpus = loadCorpus(join(dir.path, 'corpus'));
      const options = resolveIndexOptions();
      buildIndexFile(corpus, join(dir.path, 'index.sqlite'), options);
      const fromFile = loadIndex(join(dir.path, 'index.sqlite'));
      const inMemory = indexInMemory(corpus, buildModel(corpus, options), options);

      expect([...inMemory.postings.keys()].sort()).to.deep.equal([...fromFile.postings.keys()].sort());
      expect({ ...inMemory.meta, builtAt: '', buildMs: 0 }).to.deep.equal({ ...fromFile.meta, builtAt: '', buildMs: 0 });
      expect([...inMemory.vectorAnswer]).to.deep.equal([...fromFile.vectorAnswer]);
      const messages = [...BAKERY_PARAPHRASES.map(([text]) => text), ...corpus.entries.flatMap((e) => e.questions), 'tell me a joke', 'zzz'];
      const file = createMatcher(fromFile);
      const memory = createMatcher(inMemory);
      for (const message of messages) expect(memory.match(message), message).to.deep.equal(file.match(message));
    } finally {
      dir.cleanup();
    }
  });
});
