import Database from 'better-sqlite3';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

/** Written into every index's SQLite header (PRAGMA application_id), so an index is known without reading its tables: "fqbt". */
export const INDEX_APPLICATION_ID = 0x66716274;

/** What a path holds, as far as replacing it with an index is concerned. */
export type IndexFileKind =
  | { readonly kind: 'missing' }
  /** An empty file: nothing would be lost by writing there. */
  | { readonly kind: 'empty' }
  /** A faqbot index, of this schema version or any other. */
  | { readonly kind: 'index' }
  | { readonly kind: 'other'; readonly why: string };

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_BYTES = 100;

/**
 * Tells whether `path` holds a faqbot index, without changing it: the header is read first, and SQLite only opens a
 * rollback-journal file read-only, since opening a WAL database (such as the message log) creates files beside it.
 */
export function inspectIndexFile(path: string): IndexFileKind {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { kind: 'other', why: 'it is a folder' };
    if (!stat.isFile()) return { kind: 'other', why: 'it is not a regular file' };
    size = stat.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'other', why: `it cannot be read (${(error as Error).message})` };
  }
  if (size === 0) return { kind: 'empty' };
  const header = readHeader(path);
  if (header === null) return { kind: 'other', why: 'it cannot be read' };
  if (header.length < HEADER_BYTES || !header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) return { kind: 'other', why: 'it is not an SQLite database' };
  if (header.readUInt32BE(68) === INDEX_APPLICATION_ID) return { kind: 'index' };
  // Bytes 18 and 19 are 2 in a WAL database; indexes are never written in WAL mode, the message log is.
  if (header[18] === 2 || header[19] === 2) return { kind: 'other', why: 'it is an SQLite database in WAL mode, such as the message log' };
  return hasIndexMeta(path) ? { kind: 'index' } : { kind: 'other', why: 'it is an SQLite database without the meta table of an index' };
}

function readHeader(path: string): Buffer | null {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const header = Buffer.alloc(HEADER_BYTES);
    const read = readSync(fd, header, 0, HEADER_BYTES, 0);
    return header.subarray(0, read);
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

// Indexes written before the application id was set are known by their meta table, which every schema version has had.
function hasIndexMeta(path: string): boolean {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
    return table !== undefined && db.prepare("SELECT 1 FROM meta WHERE key = 'schemaVersion'").get() !== undefined;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

/** True when two paths name the same file: the same path, or (when both exist) the same inode through a link. */
export function isSameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    const [x, y] = [statSync(a, { bigint: true }), statSync(b, { bigint: true })];
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}
