import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CorpusError } from '../../src/corpus/corpus-error';
import { loadCorpus } from '../../src/corpus/load-corpus';
import { DEFAULT_REPLIES } from '../../src/corpus/replies';
import { BAKERY_CSV } from '../helpers/fixtures';
import { utf16be, utf16le, utf8, utf8WithBom, windows1252 } from '../helpers/spreadsheet-bytes';
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

  it('keeps the file and line of every question and out-of-scope example', () => {
    dir.write('a.csv', 'id,question,answer\nhours,when do you open,At 9.\nout-of-scope,tell me a joke,\n');
    dir.write('b.csv', 'id,question,answer\n\nhours,opening times,\n');
    const corpus = loadCorpus(dir.path);
    expect(corpus.entries[0]?.questionSources).to.deep.equal([
      { file: join(dir.path, 'a.csv'), line: 2 },
      { file: join(dir.path, 'b.csv'), line: 3 },
    ]);
    expect(corpus.outOfScopeSources).to.deep.equal([{ file: join(dir.path, 'a.csv'), line: 3 }]);
  });

  describe('on every format a spreadsheet saves', () => {
    // One sheet as each spreadsheet writes it: a cell with a line break is quoted, lines end in CRLF.
    const COMMAS = 'id,question,answer\r\nprices,how much,"From £5 at our café,\r\nwith jalapeño and müesli"\r\n';
    const SEMICOLONS = 'id;question;answer\r\nprices;how much;"From £5 at our café,\r\nwith jalapeño and müesli"\r\n';
    const TABS = 'id\tquestion\tanswer\r\nprices\thow much\t"From £5 at our café,\r\nwith jalapeño and müesli"\r\n';
    const ANSWER = 'From £5 at our café,\nwith jalapeño and müesli';
    const formats: [string, Buffer, string | null][] = [
      ['UTF-8 (Google Sheets)', utf8(COMMAS), null],
      ['UTF-8 with BOM (Excel "CSV UTF-8")', utf8WithBom(COMMAS), null],
      ['UTF-8 with semicolons (Excel "CSV UTF-8" in Europe)', utf8WithBom(SEMICOLONS), "read as UTF-8 with ';' separators"],
      ['Windows-1252 (Excel "CSV (Comma delimited)")', windows1252(COMMAS), "read as Windows-1252 with ',' separators"],
      ['Windows-1252 with semicolons (Excel in Europe)', windows1252(SEMICOLONS), "read as Windows-1252 with ';' separators"],
      ['UTF-16LE with tabs (Excel "Unicode Text")', utf16le(TABS), 'read as UTF-16LE with tab separators'],
      ['UTF-16BE with tabs', utf16be(TABS), 'read as UTF-16BE with tab separators'],
    ];
    for (const [name, bytes, notice] of formats) {
      it(`reads ${name}${notice === null ? ' without a notice' : `, noting "${notice}"`}`, () => {
        dir.write('sheet.csv', bytes);
        const corpus = loadCorpus(dir.path);
        expect(corpus.entries[0]).to.include({ id: 'prices', answer: ANSWER });
        expect(corpus.notices.map((n) => `${n.file}: ${n.message}`)).to.deep.equal(notice === null ? [] : [`${join(dir.path, 'sheet.csv')}: ${notice}`]);
      });
    }
  });

  describe('names the true line of a broken row after a cell with a line break', () => {
    const BROKEN = 'id\tquestion\tanswer\r\nprices\thow much\t"From £5 ü ñ é,\r\nor £25 a day"\r\nhours\twhen do you open\r\n';

    it('in a UTF-16 file, where every character is two bytes', () => {
      dir.write('unicode.csv', utf16le(BROKEN));
      expect(() => loadCorpus(dir.path)).to.throw(CorpusError, /unicode\.csv:4: this row has 2 cells but the header has 3; quote cells that contain tabs/);
    });

    it('in a Windows-1252 file, where "£" is one byte and not two', () => {
      dir.write('latin.csv', windows1252(BROKEN.replace(/\t/g, ';')));
      expect(() => loadCorpus(dir.path)).to.throw(CorpusError, /latin\.csv:4: this row has 2 cells but the header has 3; quote cells that contain semicolons/);
    });
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
