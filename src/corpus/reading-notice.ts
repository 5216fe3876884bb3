import { type CorpusEncoding, type DecodedText } from './decode-text';
import { separatorName, type Separator } from './detect-separator';

/** How a corpus file was read, when that was a guess worth telling the editor: `corpus/shop.csv: read as Windows-1252 with ';' separators`. */
export interface CorpusNotice {
  readonly file: string;
  readonly encoding: CorpusEncoding;
  readonly separator: Separator;
  /** The sentence after `file: `. */
  readonly message: string;
}

/** The notice for a file read as `decoded` with `separator`, or undefined for plain UTF-8 with commas (BOM or not), which needs none. */
export function readingNotice(file: string, decoded: DecodedText, separator: Separator): CorpusNotice | undefined {
  if (decoded.encoding === 'UTF-8' && separator === ',') return undefined;
  return { file, encoding: decoded.encoding, separator, message: `read as ${decoded.encoding} with ${separatorName(separator)} separators` };
}

/** The notice as one line: `corpus/shop.csv: read as Windows-1252 with ';' separators`. */
export function formatNotice(notice: CorpusNotice): string {
  return `${notice.file}: ${notice.message}`;
}
