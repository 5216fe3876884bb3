import { expect } from 'chai';
import { CorpusError } from '../../src/corpus/corpus-error';
import { decodeCorpusText } from '../../src/corpus/decode-text';
import { utf16be, utf16le, utf8, utf8WithBom, windows1252 } from '../helpers/spreadsheet-bytes';

const TEXT = 'id,question,answer\r\nprices,how much,"From £5 at our café: jalapeño, müesli 😀"\r\n';
const LATIN = 'id,question,answer\r\nprices,how much,"From £5 at our café: jalapeño, müesli, €2 we’re “open”"\r\n';

function problemOf(bytes: Uint8Array): string {
  try {
    decodeCorpusText(bytes, 'faq.csv');
  } catch (error) {
    if (error instanceof CorpusError) return error.problems.map((p) => `${p.file}:${p.line ?? '-'}: ${p.message}`).join('\n');
    throw error;
  }
  throw new Error('expected a CorpusError');
}

describe('decodeCorpusText', () => {
  it('reads UTF-8 without a BOM', () => {
    expect(decodeCorpusText(utf8(TEXT), 'faq.csv')).to.deep.equal({ text: TEXT, encoding: 'UTF-8', bom: false });
  });

  it('reads UTF-8 with a BOM and drops the BOM', () => {
    expect(decodeCorpusText(utf8WithBom(TEXT), 'faq.csv')).to.deep.equal({ text: TEXT, encoding: 'UTF-8', bom: true });
  });

  it('reads UTF-16 little-endian with a BOM, emoji included', () => {
    expect(decodeCorpusText(utf16le(TEXT), 'faq.csv')).to.deep.equal({ text: TEXT, encoding: 'UTF-16LE', bom: true });
  });

  it('reads UTF-16 big-endian with a BOM', () => {
    expect(decodeCorpusText(utf16be(TEXT), 'faq.csv')).to.deep.equal({ text: TEXT, encoding: 'UTF-16BE', bom: true });
  });

  it('reads bytes that are not UTF-8 as Windows-1252: 0xA3 is £, 0x80 is €, 0x92 is ’', () => {
    const bytes = windows1252(LATIN);
    expect(bytes.includes(0xa3)).to.equal(true);
    expect(decodeCorpusText(bytes, 'faq.csv')).to.deep.equal({ text: LATIN, encoding: 'Windows-1252', bom: false });
  });

  it('refuses a workbook saved with a .csv name, saying how to save it', () => {
    const zip = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(40)]);
    expect(problemOf(zip)).to.equal('faq.csv:-: this is a spreadsheet workbook (.xlsx or .ods), not a CSV file; in the spreadsheet, save it as "CSV UTF-8 (Comma delimited)"');
  });

  it('refuses UTF-16 without a BOM, naming the line of the first NUL byte', () => {
    const bytes = Buffer.from('id,question,answer\r\n', 'utf16le');
    expect(problemOf(bytes)).to.match(/^faq\.csv:1: the file holds NUL bytes, as UTF-16 without a byte-order mark or a non-text file does; in the spreadsheet, save it as "CSV UTF-8/);
  });

  it('refuses UTF-16 cut off in the middle of a character', () => {
    expect(problemOf(utf16le(TEXT).subarray(0, 21))).to.match(/^faq\.csv:-: the file starts as UTF-16LE but is cut off or damaged; /);
  });

  it('refuses a file that mixes UTF-8 with Windows-1252, naming the line where UTF-8 appears', () => {
    const bytes = Buffer.concat([windows1252('id,question,answer\r\nprices,how much,£5\r\n'), utf8('cafe,is there a café,yes\r\n')]);
    expect(problemOf(bytes)).to.equal(
      'faq.csv:3: the file mixes UTF-8 (from this line) with another encoding, so some letters would come out garbled; in the spreadsheet, save it as "CSV UTF-8 (Comma delimited)"',
    );
  });

  it('refuses bytes that Windows-1252 does not define, naming their line', () => {
    const bytes = Buffer.concat([windows1252('id,question,answer\nprices,how much,£5\n'), Buffer.from([0x61, 0x81, 0x0a])]);
    expect(problemOf(bytes)).to.match(/^faq\.csv:3: byte 0x81 is neither UTF-8 nor Windows-1252 text; /);
  });
});
