import { decode as iconvDecode } from 'iconv-lite';
import { CorpusError } from './corpus-error';

/** A text encoding spreadsheets save CSV files in, as faqbot names it to editors. */
export type CorpusEncoding = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'Windows-1252';

/** A corpus file's text and the encoding it was read as. */
export interface DecodedText {
  /** The text without its byte-order mark. */
  readonly text: string;
  readonly encoding: CorpusEncoding;
  /** True when the file began with a byte-order mark (what Excel's "CSV UTF-8" and "Unicode Text" write). */
  readonly bom: boolean;
}

const SAVE_AS_UTF8 = 'in the spreadsheet, save it as "CSV UTF-8 (Comma delimited)"';

// Byte-order marks; a UTF-16 file without one cannot be told from other bytes reliably, so it is refused.
const BOMS: readonly { bytes: readonly number[]; encoding: CorpusEncoding; label: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'UTF-8', label: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'UTF-16LE', label: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'UTF-16BE', label: 'utf-16be' },
];

// Signatures of spreadsheet workbooks that were given a .csv name: .xlsx and .ods are zip files, .xls an OLE file.
const WORKBOOKS: readonly { bytes: readonly number[]; what: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a spreadsheet workbook (.xlsx or .ods)' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel workbook (.xls)' },
];

// Windows-1252 leaves these five bytes undefined: a file that holds them is in some other encoding.
const UNDEFINED_IN_1252: ReadonlySet<number> = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * Decodes a corpus file's bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, or Windows-1252 when the bytes
 * are not valid UTF-8 (Excel's "CSV (Comma delimited)" on Windows). Throws CorpusError, saying how to save the file
 * instead, for a workbook, NUL bytes, or bytes no supported encoding explains.
 */
export function decodeCorpusText(bytes: Uint8Array, file: string): DecodedText {
  const workbook = WORKBOOKS.find((w) => startsWith(bytes, w.bytes));
  if (workbook !== undefined) throw new CorpusError([{ file, message: `this is ${workbook.what}, not a CSV file; ${SAVE_AS_UTF8}` }]);

  const bom = BOMS.find((b) => startsWith(bytes, b.bytes));
  if (bom !== undefined) {
    try {
      // TextDecoder drops the BOM itself (ignoreBOM defaults to false).
      return { text: new TextDecoder(bom.label, { fatal: true }).decode(bytes), encoding: bom.encoding, bom: true };
    } catch {
      throw new CorpusError([{ file, message: `the file starts as ${bom.encoding} but is cut off or damaged; ${SAVE_AS_UTF8}` }]);
    }
  }

  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new CorpusError([{ file, line: lineOfByte(bytes, nul), message: `the file holds NUL bytes, as UTF-16 without a byte-order mark or a non-text file does; ${SAVE_AS_UTF8}` }]);
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8', bom: false };
  } catch {
    // Not UTF-8: read as Windows-1252, unless the bytes show that guess would garble the text.
  }
  const undefinedByte = bytes.findIndex((byte) => UNDEFINED_IN_1252.has(byte));
  if (undefinedByte >= 0) {
    throw new CorpusError([{ file, line: lineOfByte(bytes, undefinedByte), message: `byte 0x${bytes[undefinedByte]!.toString(16).toUpperCase()} is neither UTF-8 nor Windows-1252 text; ${SAVE_AS_UTF8}` }]);
  }
  const utf8Sequence = findUtf8Sequence(bytes);
  if (utf8Sequence >= 0) {
    throw new CorpusError([{ file, line: lineOfByte(bytes, utf8Sequence), message: `the file mixes UTF-8 (from this line) with another encoding, so some letters would come out garbled; ${SAVE_AS_UTF8}` }]);
  }
  // Not TextDecoder: since Node 20.18.3 its windows-1252 is Latin-1, which turns "€", "’" and "“" into control
  // characters (nodejs/node#56542, #60888).
  return { text: iconvDecode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'windows-1252'), encoding: 'Windows-1252', bom: false };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

/**
 * Offset of the first UTF-8 sequence of a Western letter or sign (C2/C3 xx: "£", "é"; E2 xx xx: "’", "€"; F0 xx xx xx:
 * emoji), or -1. Read as Windows-1252 they are "Â£", "Ã©", "â€™", pairs real Windows-1252 text almost never holds,
 * so in a file that is not valid UTF-8 they mean UTF-8 text was pasted into it.
 */
function findUtf8Sequence(bytes: Uint8Array): number {
  const isContinuation = (at: number): boolean => at < bytes.length && (bytes[at]! & 0xc0) === 0x80;
  for (let at = 0; at < bytes.length; at++) {
    const lead = bytes[at]!;
    const length = lead === 0xc2 || lead === 0xc3 ? 2 : lead === 0xe2 ? 3 : lead === 0xf0 ? 4 : 0;
    if (length === 0) continue;
    let complete = true;
    for (let k = 1; k < length; k++) complete &&= isContinuation(at + k);
    if (complete) return at;
  }
  return -1;
}

/** 1-based line of a byte offset, a CRLF counting as one line break. */
function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let at = 0; at < offset; at++) {
    if (bytes[at] === 0x0a || (bytes[at] === 0x0d && bytes[at + 1] !== 0x0a)) line++;
  }
  return line;
}
