/** Bumped whenever the tables change; an index of another version is refused, not misread. */
export const SCHEMA_VERSION = 4;

/**
 * The tables of an index file: the corpus, the vocabulary with idf, and the answer vectors as postings packed per term
 * (one row per term rather than per weight, so that 100,000 questions write and load in seconds).
 */
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
-- A term's postings: vector ids as little-endian int32 and weights as little-endian float32, in the same order.
CREATE TABLE terms (
  id INTEGER PRIMARY KEY,
  term TEXT NOT NULL UNIQUE,
  df INTEGER NOT NULL,
  idf REAL NOT NULL,
  vector_ids BLOB NOT NULL,
  weights BLOB NOT NULL
);
-- One learned vector per answer; answer_id NULL marks the out-of-scope class.
CREATE TABLE vectors (id INTEGER PRIMARY KEY, answer_id INTEGER REFERENCES answers(id));
CREATE TABLE replies (name TEXT PRIMARY KEY, text TEXT NOT NULL);
`;
