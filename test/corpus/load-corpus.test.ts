import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CorpusError } from '../../src/corpus/corpus-error';
import { loadCorpus } from '../../src/corpus/load-corpus';
import { DEFAULT_REPLIES } from '../../src/corpus/replies';
import { BAKERY_CSV } from '../helpers/fixtures';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

describe('loadCorpus', () => {
  let dir: TempDir;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => {
    dir.cleanup();
  });

  it('reads every .csv file of the folder, in name order, and ignores other files', () => {
    dir.write('b.csv', 'id,question,answer\nb,q b,answer b\n');
    dir.write('a.csv', 'id,question,answer\na,q a,answer a\n');
    dir.write('notes.txt', 'not a corpus file');
    const corpus = loadCorpus(dir.path);
    expect(corpus.files).to.deep.equal([join(dir.path, 'a.csv'), join(dir.path, 'b.csv')]);
    expect(corpus.entries.map((e) => e.id)).to.deep.equal(['a', 'b']);
    expect(corpus.replies).to.deep.equal(DEFAULT_REPLIES);
  });

  it('lets alternate questions of one id live in different files', () => {
    dir.write('a.csv', 'id,question,answer\nhours,when do you open,At 9.\n');
    dir.write('b.csv', 'id,question,answer\nhours,opening times,\n');
    expect(loadCorpus(dir.path).entries[0]?.questions).to.deep.equal(['when do you open', 'opening times']);
  });

  it('changes its hash when any file changes', () => {
    dir.write('faq.csv', BAKERY_CSV);
    const before = loadCorpus(dir.path).hash;
    writeFileSync(join(dir.path, 'faq.csv'), BAKERY_CSV.replace('7am', '8am'));
    expect(loadCorpus(dir.path).hash).to.not.equal(before);
  });

  it('takes reply texts from replies.json over the defaults', () => {
    dir.write('faq.csv', BAKERY_CSV);
    dir.write('replies.json', JSON.stringify({ greeting: 'Hi from the bakery!' }));
    const { replies } = loadCorpus(dir.path);
    expect(replies.greeting).to.equal('Hi from the bakery!');
    expect(replies.thanks).to.equal(DEFAULT_REPLIES.thanks);
  });

  it('names replies.json when it holds an unknown reply', () => {
    dir.write('faq.csv', BAKERY_CSV);
    dir.write('replies.json', JSON.stringify({ greetings: 'typo' }));
    expect(() => loadCorpus(dir.path)).to.throw(CorpusError, /replies\.json: unknown reply "greetings"/);
  });

  it('names replies.json when a reply holds a control character', () => {
    dir.write('faq.csv', 'id,question,answer\nhours,when do you open,9 to 5\n');
    dir.write('replies.json', JSON.stringify({ greeting: 'Hi\u0001 there' }));
    expect(() => loadCorpus(dir.path)).to.throw(CorpusError, /replies\.json: reply "greeting" holds the control character U\+0001/);
  });

  it('says so when the folder has no CSV file', () => {
    expect(() => loadCorpus(dir.path)).to.throw(CorpusError, /holds no \.csv files/);
  });

  it('says so when the folder does not exist', () => {
    expect(() => loadCorpus(join(dir.path, 'missing'))).to.throw(CorpusError, /cannot be read; check --corpus or CORPUS_DIR/);
  });
});
