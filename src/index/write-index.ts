import Database from 'better-sqlite3';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Corpus } from '../corpus/types';
import { IndexError } from './index-error';
import { INDEX_APPLICATION_ID, inspectIndexFile } from './index-file';
import { type IndexMeta } from './meta';
import { type IndexModel } from './model';
import { type IndexOptions } from './options';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema';

/** What goes into an index file besides the model. */
export interface IndexContents {
  readonly corpus: Corpus;
  readonly model: IndexModel;
  readonly options: IndexOptions;
  /** `performance.now()` when the build began, so the recorded build time covers writing too. */
  readonly startedAt: number;
}

/** Path of the file a build writes before renaming it into place. */
function temporaryPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A build's temporary file, and the journal SQLite may have kept beside it before journals were held in memory. */
const TEMPORARY_NAME = /^(\d+)\.tmp(?:-journal|-wal|-shm)?$/;

/** Deletes temporary files (and their journals) that builds of `path` left when they were killed; a build still running keeps its own. */
export function removeAbandonedTemporaries(path: string): string[] {
  const prefix = `.${basename(path)}.`;
  const removed: string[] = [];
  for (const name of readdirSync(dirname(path))) {
    const match = name.startsWith(prefix) ? TEMPORARY_NAME.exec(name.slice(prefix.length)) : null;
    if (match === null) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || isRunning(pid)) continue;
    rmSync(join(dirname(path), name), { force: true });
    removed.push(name);
  }
  return removed;
}

/** Refuses to write over a file that is not a faqbot index: a mistyped --db must not turn the message log or a CSV into an index. */
export function assertReplaceable(path: string): void {
  const found = inspectIndexFile(path);
  if (found.kind === 'other') {
    throw new IndexError(path, `is not a faqbot index (${found.why}), so it was left as it is`, 'Point --db or FAQBOT_DB at an index file, or at a path where no file exists yet.');
  }
}

/** Turns a failed write into advice: disk full, or a folder that cannot be written. Errors without a code are bugs and pass through. */
function writeFailure(path: string, error: unknown): unknown {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
  if (code === undefined) return error;
  const detail = `${code}: ${error instanceof Error ? error.message : String(error)}`;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') {
    return new IndexError(path, `could not be written, the disk is full (${detail}); the previous index is untouched`, 'Free some disk space and run reindex again.');
  }
  return new IndexError(path, `could not be written (${detail}); the previous index is untouched`, 'Check that its folder exists and can be written, then run reindex again.');
}

/** Writes an index to a new file and renames it over `path`, so readers see the old index or the new one, never half. */
export function writeIndex(path: string, contents: IndexContents): IndexMeta {
  assertReplaceable(path);
  const temporary = temporaryPathFor(path);
  try {
    mkdirSync(dirname(path), { recursive: true });
    removeAbandonedTemporaries(path);
    rmSync(temporary, { force: true });
    const meta = writeDatabase(temporary, contents);
    // Flush to disk before the rename, so a crash cannot leave a renamed but empty file.
    const fd = openSync(temporary, 'r');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temporary, path);
    return meta;
  } catch (error) {
    rmSync(temporary, { force: true });
    throw writeFailure(path, error);
  }
}

function writeDatabase(file: string, { corpus, model, options, startedAt }: IndexContents): IndexMeta {
  const db = new Database(file);
  try {
    // The file is private until renamed, so its journal need not survive a crash: kept in memory, no file beside it.
    // (OFF would be the same, but better-sqlite3's defensive mode ignores it silently.) A killed build leaves only the .tmp file.
    const journal = db.pragma('journal_mode = MEMORY', { simple: true });
    if (journal !== 'memory') throw new Error(`internal: SQLite kept journal_mode ${String(journal)} instead of memory`);
    db.pragma('synchronous = OFF');
    db.pragma(`application_id = ${INDEX_APPLICATION_ID}`);
    db.exec(SCHEMA_SQL);

    const termIds = new Map<string, number>();
    let postings = 0;
    db.transaction(() => {
      const insertAnswer = db.prepare('INSERT INTO answers (id, key, answer, category, source, followups) VALUES (?, ?, ?, ?, ?, ?)');
      const insertQuestion = db.prepare('INSERT INTO questions (id, answer_id, text) VALUES (?, ?, ?)');
      let questionId = 0;
      corpus.entries.forEach((entry, answerId) => {
        insertAnswer.run(answerId, entry.id, entry.answer, entry.category, `${entry.source.file}:${entry.source.line}`, (entry.followups ?? []).join('|'));
        for (const text of entry.questions) insertQuestion.run(questionId++, answerId, text);
      });

      const insertTerm = db.prepare('INSERT INTO terms (id, term, df, idf) VALUES (?, ?, ?, ?)');
      for (const [term, stats] of model.terms) {
        termIds.set(term, termIds.size);
        insertTerm.run(termIds.size - 1, term, stats.df, stats.idf);
      }

      const insertVector = db.prepare('INSERT INTO vectors (id, answer_id) VALUES (?, ?)');
      const insertPosting = db.prepare('INSERT INTO postings (term_id, vector_id, weight) VALUES (?, ?, ?)');
      model.vectors.forEach((vector, vectorId) => {
        insertVector.run(vectorId, vector.answer);
        for (const [term, weight] of vector.weights) {
          const termId = termIds.get(term);
          if (termId === undefined) throw new Error(`internal: vector term "${term}" is not in the vocabulary`);
          insertPosting.run(termId, vectorId, weight);
          postings++;
        }
      });

      const insertReply = db.prepare('INSERT INTO replies (name, text) VALUES (?, ?)');
      for (const [name, text] of Object.entries(corpus.replies)) insertReply.run(name, text);
    })();

    const meta: IndexMeta = {
      schemaVersion: SCHEMA_VERSION,
      builtAt: new Date().toISOString(),
      corpusHash: corpus.hash,
      corpusFiles: corpus.files,
      answers: corpus.entries.length,
      questions: corpus.entries.reduce((n, entry) => n + entry.questions.length, 0),
      outOfScope: corpus.outOfScope.length,
      terms: model.terms.size,
      postings,
      buildMs: Math.round(performance.now() - startedAt),
      unknownIdf: model.unknownIdf,
      options,
    };
    const insertMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    db.transaction(() => {
      for (const [key, value] of Object.entries(meta)) insertMeta.run(key, JSON.stringify(value));
    })();
    return meta;
  } finally {
    db.close();
  }
}
