import { expect } from 'chai';
import { readConfig } from '../../src/config/config';
import { loadCorpus } from '../../src/corpus/load-corpus';
import { loadIndex } from '../../src/index/load-index';
import { reindex } from '../../src/index/reindex';
import { createLogger } from '../../src/log/logger';
import { startServer, type RunningServer } from '../../src/server/start-server';
import { postSigned, testEnv, twimlMessages, whatsappForm } from '../helpers/server';
import { utf16be, utf16le, utf8, utf8WithBom, windows1252 } from '../helpers/spreadsheet-bytes';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

/** One corpus file as a spreadsheet saved it: its bytes, a question in it, and the answer WhatsApp must show. */
interface Export {
  readonly format: string;
  readonly file: string;
  readonly bytes: Buffer;
  readonly question: string;
  readonly answer: string;
}

// Every answer holds £, é, ñ and ü, and an emoji where the encoding has them (Windows-1252 has none).
const CAFE = 'Yes: our café serves müesli, jalapeño toasties and cake 🍰 from £3.\nOpen 9–5.';
const HELMETS = 'Helmets from £25 🚲, sizes S–XL, niños’ sizes too, and a café-racer style by Müller.';
const PUNCTURES = 'A puncture costs £12 (£8 with your own tube) — we’re quick: 20 minutes, a café au lait.\nWe take € too; señor Müller does the rest.';
const TANDEMS = 'Tandems: £40 a day; Grüße to the crème de la crème, señor. We’re open till 6.';
const CARDS = 'Cards welcome 💳: contactless up to £100, Bizum for amigos de España, and the café’s Müsli bar too.';
const EBIKES = 'E-bike repairs from £45 ⚡: Bosch, Shimano and Brose motors; Müller’s shop, the café and the piñata stand do the rest.';
const PARKING = 'Park for free behind the shop 🅿️ (£0!); the café’s racks are covered, and Müller’s piñata van parks there too.';

// What each export writes: Excel quotes a cell that holds a line break, and ends lines with CRLF, inside cells too.
const crlf = (text: string): string => text.replace(/\n/g, '\r\n');
const EXPORTS: readonly Export[] = [
  {
    format: 'Excel "CSV UTF-8 (Comma delimited)": UTF-8 with BOM, CRLF, empty columns at the right',
    file: 'excel-utf8.csv',
    bytes: utf8WithBom(crlf(`id,question,answer,category,,\ncafe,do you have a cafe,"${CAFE}",Shop,,\n`)),
    question: 'do you have a cafe',
    answer: CAFE,
  },
  {
    format: 'Google Sheets "Comma-separated values": UTF-8 without BOM',
    file: 'google-sheets.csv',
    bytes: utf8(`id,question,answer,category\nhelmets,do you sell helmets,"${HELMETS}",Shop\n`),
    question: 'do you sell helmets',
    answer: HELMETS,
  },
  {
    format: 'Excel "CSV (Comma delimited)" on Windows: Windows-1252',
    file: 'excel-windows.csv',
    bytes: windows1252(crlf(`id,question,answer,category\npunctures,how much is a puncture repair,"${PUNCTURES}",Repairs\n`)),
    question: 'how much is a puncture repair',
    answer: PUNCTURES,
  },
  {
    format: 'Excel "CSV (Comma delimited)" in Europe: Windows-1252 with semicolons',
    file: 'excel-europe.csv',
    bytes: windows1252(crlf(`id;question;answer;category\ntandems;do you rent tandems;"${TANDEMS}";Rentals\n`)),
    question: 'do you rent tandems',
    answer: TANDEMS,
  },
  {
    format: 'Excel "CSV UTF-8" in Europe: UTF-8 with BOM and semicolons',
    file: 'excel-utf8-europe.csv',
    bytes: utf8WithBom(crlf(`id;question;answer;category\ncards;can i pay by card;"${CARDS}";Shop\n`)),
    question: 'can i pay by card',
    answer: CARDS,
  },
  {
    format: 'Excel "Unicode Text": UTF-16LE with BOM and tabs',
    file: 'excel-unicode.csv',
    bytes: utf16le(crlf(`id\tquestion\tanswer\tcategory\nebikes\tdo you repair e-bikes\t"${EBIKES}"\tRepairs\n`)),
    question: 'do you repair e-bikes',
    answer: EBIKES,
  },
  {
    format: 'UTF-16BE with BOM and tabs',
    file: 'utf16be.csv',
    bytes: utf16be(`id\tquestion\tanswer\tcategory\nparking\twhere can i park\t"${PARKING}"\tShop\n`),
    question: 'where can i park',
    answer: PARKING,
  },
];

describe('a corpus as spreadsheets save it, answered over signed POST /bot (real server)', () => {
  let dir: TempDir;
  let server: RunningServer;
  before(async () => {
    dir = makeTempDir();
    for (const { file, bytes } of EXPORTS) dir.write(`corpus/${file}`, bytes);
    const config = readConfig(testEnv(dir.path));
    reindex(config.corpusDir, config.dbPath);
    server = await startServer(config, loadIndex(config.dbPath), createLogger('silent'));
  });
  after(async () => {
    await server?.close();
    dir.cleanup();
  });

  for (const { format, question, answer } of EXPORTS) {
    it(`answers with the exact text of ${format}`, async () => {
      const url = `http://127.0.0.1:${server.port}/bot`;
      const response = await postSigned(url, whatsappForm(question));
      const xml = await response.text();
      expect(xml).to.not.contain('&#xD;');
      expect(twimlMessages(xml)).to.deep.equal([answer]);
    });
  }

  it('notes every file that was not plain UTF-8 with commas, one line each', () => {
    const notices = loadCorpus(`${dir.path}/corpus`).notices.map((n) => `${n.file.slice(dir.path.length + 1)}: ${n.message}`);
    expect(notices).to.deep.equal([
      "corpus/excel-europe.csv: read as Windows-1252 with ';' separators",
      'corpus/excel-unicode.csv: read as UTF-16LE with tab separators',
      "corpus/excel-utf8-europe.csv: read as UTF-8 with ';' separators",
      "corpus/excel-windows.csv: read as Windows-1252 with ',' separators",
      'corpus/utf16be.csv: read as UTF-16BE with tab separators',
    ]);
  });
});
