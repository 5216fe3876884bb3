import Database from 'better-sqlite3';
import { DEFAULT_REPLIES, type Replies } from '../corpus/replies';
import { IndexError } from './index-error';
import { inspectIndexFile } from './index-file';
import { type IndexedAnswer, type LoadedIndex, type Postings } from './loaded-index';
import { type IndexMeta } from './meta';
import { denseRow } from './dense-row';
import { decodePostings } from './postings-blob';
import { SCHEMA_VERSION } from './schema';

/** Opens an index file read-only, runs `read` on it and closes it; every failure becomes an IndexError. */
function readIndexFile<T>(path: string, read: (db: Database.Database) => T): T {
  const found = inspectIndexFile(path);
  if (found.kind === 'missing') throw new IndexError(path, 'the file does not exist');
  // Checked before SQLite opens it: opening a WAL database, even read-only, leaves files beside it.
  if (found.kind !== 'index') throw new IndexError(path, `is not a faqbot index (${found.kind === 'empty' ? 'it is empty' : found.why})`);
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new IndexError(path, `cannot be opened (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    return read(db);
  } catch (error) {
    if (error instanceof IndexError) throw error;
    throw new IndexError(path, `is damaged (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    db.close();
  }
}

/** Reads only the metadata of an index file, for reports that need no vectors. */
export function loadIndexMeta(path: string): IndexMeta {
  return readIndexFile(path, (db) => readMeta(db, path));
}

/** Reads a whole index file into memory and closes it; throws IndexError if it is missing or of another schema. */
export function loadIndex(path: string): LoadedIndex {
  return readIndexFile(path, (db) => {
    const meta = readMeta(db, path);
    const answerRows = db.prepare('SELECT id, key, answer, category, followups FROM answers ORDER BY id').all() as { id: number; key: string; answer: string; category: string; followups: string }[];
    const questions = answerRows.map((): string[] => []);
    for (const row of db.prepare('SELECT answer_id, text FROM questions ORDER BY id').iterate() as Iterable<{ answer_id: number; text: string }>) {
      questions[row.answer_id]?.push(row.text);
    }
    const answers: IndexedAnswer[] = answerRows.map((row, i) => ({ id: row.key, answer: row.answer, category: row.category, questions: questions[i] ?? [], ...(row.followups === '' ? {} : { followups: row.followups.split('|') }) }));

    const vectorRows = db.prepare('SELECT answer_id FROM vectors ORDER BY id').all() as { answer_id: number | null }[];
    const vectorAnswer = Int32Array.from(vectorRows, (row) => row.answer_id ?? -1);

    return { meta, answers, vectorAnswer, postings: readPostings(db, vectorAnswer.length), replies: readReplies(db) };
  });
}

function readMeta(db: Database.Database, path: string): IndexMeta {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
  if (hasMeta === undefined) throw new IndexError(path, 'is not a faqbot index');
  const entries = (db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map(({ key, value }) => [key, JSON.parse(value) as unknown]);
  const meta = Object.fromEntries(entries) as Record<string, unknown>;
  if (meta.schemaVersion !== SCHEMA_VERSION) {
    throw new IndexError(path, `has schema version ${String(meta.schemaVersion)}, this faqbot reads version ${SCHEMA_VERSION}`);
  }
  return meta as unknown as IndexMeta;
}

function readPostings(db: Database.Database, vectorCount: number): Map<string, Postings> {
  const postings = new Map<string, Postings>();
  const rows = db.prepare('SELECT term, idf, vector_ids, weights FROM terms ORDER BY id').raw().iterate() as Iterable<[string, number, Buffer, Buffer]>;
  for (const [term, idf, vectorIds, weights] of rows) {
    const list = decodePostings(vectorIds, weights);
    postings.set(term, { idf, ...list, dense: denseRow(list, vectorCount) });
  }
  return postings;
}

function readReplies(db: Database.Database): Replies {
  const rows = db.prepare('SELECT name, text FROM replies').all() as { name: string; text: string }[];
  return { ...DEFAULT_REPLIES, ...Object.fromEntries(rows.map((row) => [row.name, row.text])) };
}
