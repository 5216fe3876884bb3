import { expect } from 'chai';
import { detectSeparator, separatorName } from '../../src/corpus/detect-separator';

describe('detectSeparator', () => {
  it('finds commas, semicolons and tabs from the header row', () => {
    expect(detectSeparator('id,question,answer,category\r\na,"b;c",d,e\r\n')).to.equal(',');
    expect(detectSeparator('id;question;answer;category\r\na;"b,c";d;e\r\n')).to.equal(';');
    expect(detectSeparator('id\tquestion\tanswer\r\na\tb, c; d\te\r\n')).to.equal('\t');
  });

  it('goes by the known column names, not by which character is most frequent in the header', () => {
    expect(detectSeparator('"id";"question";"answer";"category, optional"\n')).to.equal(';');
  });

  it('finds the separator of a header with a misspelt column, and of a header in another case', () => {
    expect(detectSeparator('ID;Question;Answr\n')).to.equal(';');
  });

  it('falls back on the separator the header holds most, then on the comma', () => {
    expect(detectSeparator('a;b;c\n')).to.equal(';');
    expect(detectSeparator('nothing here\n')).to.equal(',');
    expect(detectSeparator('')).to.equal(',');
  });

  it('names the tab in words', () => {
    expect([',', ';', '\t'].map((s) => separatorName(s as ',' | ';' | '\t'))).to.deep.equal(["','", "';'", 'tab']);
  });
});
