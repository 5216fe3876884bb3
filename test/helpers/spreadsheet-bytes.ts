/** Bytes of a text file as each spreadsheet export writes it, built without the decoders under test. */

/** UTF-8, as Google Sheets and LibreOffice write it. */
export function utf8(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}

/** UTF-8 with a byte-order mark, as Excel's "CSV UTF-8 (Comma delimited)" writes it. */
export function utf8WithBom(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/** UTF-16 little-endian with a byte-order mark, as Excel's "Unicode Text" writes it. */
export function utf16le(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

/** UTF-16 big-endian with a byte-order mark. */
export function utf16be(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
}

// Windows-1252 differs from Latin-1 only in 0x80-0x9F; these are the ones Excel's autocorrect and prices put there.
const CP1252_EXTRAS: Readonly<Record<string, number>> = { '€': 0x80, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97 };

/** Windows-1252, as Excel's "CSV (Comma delimited)" writes it on Windows: "£" is the one byte 0xA3. */
export function windows1252(text: string): Buffer {
  return Buffer.from(
    [...text].map((char) => {
      const extra = CP1252_EXTRAS[char];
      if (extra !== undefined) return extra;
      const code = char.codePointAt(0)!;
      if (code > 0xff || (code >= 0x80 && code <= 0x9f)) throw new Error(`test helper: "${char}" has no Windows-1252 byte here`);
      return code;
    }),
  );
}
