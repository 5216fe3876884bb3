import { expect } from 'chai';
import { CorpusError } from '../../src/corpus/corpus-error';
import { parseCorpusCsv } from '../../src/corpus/parse-csv';

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof CorpusError) return error.problems.map((p) => `${p.file}:${p.line ?? '-'}: ${p.message}`);
    throw error;
  }
  throw new Error('expected a CorpusError');
}

describe('parseCorpusCsv', () => {
  it('reads rows with their start line, trimming cells', () => {
    const rows = parseCorpusCsv('id,question,answer,category\nhours, when do you open ,We open at 9.,Visit\nhours,opening times,,\n', 'faq.csv');
    expect(rows).to.deep.equal([
      { id: 'hours', question: 'when do you open', answer: 'We open at 9.', category: 'Visit', source: { file: 'faq.csv', line: 2 } },
      { id: 'hours', question: 'opening times', answer: '', category: '', source: { file: 'faq.csv', line: 3 } },
    ]);
  });

  it('accepts an Excel export: BOM, CRLF line ends, quoted cells with commas, quotes and line breaks (made \\n)', () => {
    const csv = '\uFEFFid,question,answer\r\nprices,"how much, roughly?","Prices:\r\n- 1 hour: £6\r- a ""day"": £25"\r\nhours,when do you open,9 to 5\r\n';
    const rows = parseCorpusCsv(csv, 'export.csv');
    expect(rows.map((r) => [r.id, r.question, r.answer, r.source.line])).to.deep.equal([
      ['prices', 'how much, roughly?', 'Prices:\n- 1 hour: £6\n- a "day": £25', 2],
      ['hours', 'when do you open', '9 to 5', 5],
    ]);
  });

  it('splits cells on the separator it is given, and counts lines the same', () => {
    const rows = parseCorpusCsv('id;question;answer\r\nprices;"how much; roughly?";"£6, or\r\n£25 a day"\r\nhours;when do you open;9 to 5\r\n', 'europe.csv', ';');
    expect(rows.map((r) => [r.id, r.question, r.answer, r.source.line])).to.deep.equal([
      ['prices', 'how much; roughly?', '£6, or\n£25 a day', 2],
      ['hours', 'when do you open', '9 to 5', 4],
    ]);
    expect(parseCorpusCsv('id\tquestion\tanswer\nhours\twhen, roughly?\t9 to 5\n', 'unicode.txt.csv', '\t')[0]).to.include({ question: 'when, roughly?', answer: '9 to 5' });
  });

  it('ignores empty columns at the right of the sheet, in the header and in rows', () => {
    const rows = parseCorpusCsv('id,question,answer,category,,\nhours,when do you open,9 to 5,Visit,,\nhours,opening times,,,\nwhere,where are you,Mill Lane,,,,,\n', 'wide.csv');
    expect(rows.map((r) => [r.id, r.question, r.answer, r.category, r.source.line])).to.deep.equal([
      ['hours', 'when do you open', '9 to 5', 'Visit', 2],
      ['hours', 'opening times', '', '', 3],
      ['where', 'where are you', 'Mill Lane', '', 4],
    ]);
  });

  it('names a row with a value in a column the header does not name, in the separator of the file', () => {
    expect(problemsOf(() => parseCorpusCsv('id;question;answer;;\na;q;x;;\nb;q;x;;oops\n', 'faq.csv', ';'))).to.deep.equal([
      'faq.csv:3: this row has 5 cells but the header has 3; quote cells that contain semicolons',
    ]);
  });

  it('reads header names in any case and column order', () => {
    const rows = parseCorpusCsv('Question,ANSWER,Id\nwhere are you,Mill Lane,location\n', 'faq.csv');
    expect(rows[0]).to.include({ id: 'location', question: 'where are you', answer: 'Mill Lane' });
  });

  it('skips blank lines and rows of empty cells but keeps counting lines', () => {
    const rows = parseCorpusCsv('id,question,answer\n\n,,\na,q,x\n', 'faq.csv');
    expect(rows.map((r) => r.source.line)).to.deep.equal([4]);
  });

  it('names the file and line of every row with the wrong number of cells', () => {
    expect(problemsOf(() => parseCorpusCsv('id,question,answer\na,q,x\nb,q,x,extra\nc,q\n', 'faq.csv'))).to.deep.equal([
      'faq.csv:3: this row has 4 cells but the header has 3; quote cells that contain commas',
      'faq.csv:4: this row has 2 cells but the header has 3; quote cells that contain commas',
    ]);
  });

  it('counts lines right after a multi-line cell in a CRLF file', () => {
    const csv = 'id,question,answer\r\na,"q\r\nz",x\r\n\r\nb,q,x,extra\r\n';
    expect(problemsOf(() => parseCorpusCsv(csv, 'faq.csv'))).to.deep.equal(['faq.csv:5: this row has 4 cells but the header has 3; quote cells that contain commas']);
  });

  it('names the file and line of a stray quote', () => {
    const [problem] = problemsOf(() => parseCorpusCsv('id,question,answer\r\na,"q\r\nz",x\r\nb,"bad"x,y\r\n', 'faq.csv'));
    expect(problem).to.match(/^faq\.csv:4: Invalid Closing Quote/);
  });

  it('names the line where an unclosed quote starts', () => {
    const [problem] = problemsOf(() => parseCorpusCsv('id,question,answer\na,q,x\nb,"q,x\nc,d,e\n', 'faq.csv'));
    expect(problem).to.match(/^faq\.csv:3: a quoted cell is never closed/);
  });

  it('names an unknown header column', () => {
    expect(problemsOf(() => parseCorpusCsv('id,question,answer,colour\n', 'faq.csv'))).to.deep.equal([
      'faq.csv:1: unknown column "colour" in the header; known columns are id, question, answer, category, followups',
    ]);
  });

  it('names a missing header column', () => {
    expect(problemsOf(() => parseCorpusCsv('id,question\na,q\n', 'faq.csv'))).to.deep.equal([
      'faq.csv:1: the header has no "answer" column; the first row must name the columns, at least id,question,answer',
    ]);
  });

  it('refuses an empty file', () => {
    expect(problemsOf(() => parseCorpusCsv('', 'empty.csv'))).to.deep.equal(['empty.csv:-: the file is empty; it needs a header row "id,question,answer"']);
  });

  it('names each cell holding a character a WhatsApp reply cannot carry, with its code point, and keeps tabs, line breaks and emoji', () => {
    const csv = 'id,question,answer,category\nbell,ring,Ding\u0007!,\nok,fine,"tab\there\r\nnew line 😀\u0085",Misc\nodd,\uFFFF?,x,\ncat,q,a,Vis\u001Fit\n';
    expect(problemsOf(() => parseCorpusCsv(csv, 'faq.csv')).map((p) => p.replace(/, which .*/, ''))).to.deep.equal([
      'faq.csv:2: the answer holds the control character U+0007',
      'faq.csv:5: the question holds the control character U+FFFF',
      'faq.csv:6: the category holds the control character U+001F',
    ]);
    const fine = parseCorpusCsv('id,question,answer\nok,fine,"tab\there\r\nnew line 😀"\n', 'faq.csv');
    // Line breaks are kept, as the LF every spreadsheet's CRLF becomes.
    expect(fine[0]?.answer).to.equal('tab\there\nnew line 😀');
  });
});
