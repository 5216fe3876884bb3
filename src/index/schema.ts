/** Bumped whenever the tables change; an index of another version is refused, not misread. */
export const SCHEMA_VERSION = 3;

/** The tables of an index file: the corpus, the vocabulary with idf, and answer vectors as postings (one row per non-zero weight). */
export const SCHEMA_SQL = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE answers (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  answer TEXT NOT NULL,
  category TEXT NOT NULL,
  source TEXT NOT NULL,
  -- Corpus ids of the follow-up answers, separated by |; empty when none.
  followups TEXT NOT NULL DEFAULT ''
);
CREATE TABLE questions (
  id INTEGER PRIMARY KEY,
  answer_id INTEGER NOT NULL REFERENCES answers(id),
  text TEXT NOT NULL
);
CREATE TABLE terms (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE, df INTEGER NOT NULL, idf REAL NOT NULL);
-- One learned vector per answer; answer_id NULL marks the out-of-scope class.
CREATE TABLE vectors (id INTEGER PRIMARY KEY, answer_id INTEGER REFERENCES answers(id));
CREATE TABLE postings (
  term_id INTEGER NOT NULL REFERENCES terms(id),
  vector_id INTEGER NOT NULL REFERENCES vectors(id),
  weight REAL NOT NULL,
  PRIMARY KEY (term_id, vector_id)
) WITHOUT ROWID;
CREATE TABLE replies (name TEXT PRIMARY KEY, text TEXT NOT NULL);
`;
