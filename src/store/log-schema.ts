import type Database from 'better-sqlite3';

/** Marks a SQLite file as a faqbot message log (`PRAGMA application_id`, "FQML"), so a file of anything else is never taken for one. */
export const LOG_APPLICATION_ID = 0x46514d4c;

/**
 * Bumped whenever the tables change (`PRAGMA user_version`); 1 was the unmarked table of faqbot 0.1, which is migrated,
 * and 2 lacked `sender_state`, which is added.
 */
export const LOG_SCHEMA_VERSION = 3;

/**
 * The tables of a message log. `body` is the text as it was matched (control characters replaced, cut at MAX_MESSAGE_CHARS)
 * and NULL for messages that were not answered (rate limited, silenced, failed): the reply is all a redelivery needs.
 * `forgotten` holds a hash of each number erased by `faqbot forget` and when, so that a server's queued writes of that
 * sender's earlier messages are not written back afterwards; it is pruned with the messages. `sender_state` is what the
 * bot remembers of a sender between messages (src/conversation), as JSON, deleted once `expires_at` (ms) has passed.
 */
const SENDER_STATE_SQL = `
CREATE TABLE sender_state (sender TEXT PRIMARY KEY, state TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX sender_state_expires_at ON sender_state (expires_at);
`;

const SCHEMA_SQL = `
CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  message_sid TEXT UNIQUE,
  received_at TEXT NOT NULL,
  sender TEXT NOT NULL,
  body TEXT,
  reply TEXT NOT NULL,
  answer_id TEXT,
  score REAL NOT NULL,
  fallback TEXT
);
CREATE INDEX messages_received_at ON messages (received_at);
CREATE INDEX messages_sender ON messages (sender);
CREATE TABLE forgotten (sender_hash TEXT PRIMARY KEY, forgotten_at TEXT NOT NULL) WITHOUT ROWID;
${SENDER_STATE_SQL}
PRAGMA application_id = ${LOG_APPLICATION_ID};
PRAGMA user_version = ${LOG_SCHEMA_VERSION};
`;

/** The columns of the version-1 table, the only thing a faqbot 0.1 message log holds. */
const LEGACY_COLUMNS = 'id,message_sid,received_at,sender,body,reply,answer_id,score,fallback';

/** Outcomes that were not answered from the text; their text is not kept. */
const UNANSWERED = `('rateLimited', 'silenced', 'error')`;

/** What an opened SQLite file holds, decided from its header and schema alone (nothing is written to find out). */
export type LogFileKind =
  | { readonly kind: 'log'; readonly version: number }
  | { readonly kind: 'empty' }
  | { readonly kind: 'legacy' }
  | { readonly kind: 'faqbot-index' }
  | { readonly kind: 'foreign'; readonly tables: readonly string[]; readonly applicationId: number };

/** Reads the header and schema of an open database and says what it is; throws SQLITE_NOTADB and the like for files that are not databases. */
export function identifyLogFile(db: Database.Database): LogFileKind {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  const objects = db.prepare<[], { type: string; name: string }>("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").all();
  const tables = objects.filter((object) => object.type === 'table').map((object) => object.name);
  if (applicationId === LOG_APPLICATION_ID) return { kind: 'log', version };
  if (applicationId === 0 && objects.length === 0) return { kind: 'empty' };
  if (applicationId === 0 && objects.length === 1 && tables[0] === 'messages') {
    const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('messages')").all().map((column) => column.name);
    if (columns.join(',') === LEGACY_COLUMNS) return { kind: 'legacy' };
  }
  if (tables.includes('postings') && tables.includes('meta')) return { kind: 'faqbot-index' };
  return { kind: 'foreign', tables, applicationId };
}

/**
 * Gives an empty database the tables, or rewrites a faqbot 0.1 log in the current layout, in one write transaction that
 * looks again first: another process (a second `faqbot forget`, a server starting) may have done it since it was identified.
 * A 0.1 log's texts are cut to `maxBodyChars` (SQLite counts characters, not UTF-16 units) and dropped for unanswered
 * messages, as new records are.
 */
export function prepareLogSchema(db: Database.Database, maxBodyChars: number): void {
  db.transaction(() => {
    const found = identifyLogFile(db);
    const kind = found.kind;
    if (kind === 'empty') db.exec(SCHEMA_SQL);
    if (found.kind === 'log' && found.version === 2) {
      db.exec(SENDER_STATE_SQL);
      db.pragma(`user_version = ${LOG_SCHEMA_VERSION}`);
    }
    if (kind !== 'legacy') return;
    db.exec('ALTER TABLE messages RENAME TO messages_v1');
    db.exec(SCHEMA_SQL);
    db.prepare(
      `INSERT INTO messages (id, message_sid, received_at, sender, body, reply, answer_id, score, fallback)
       SELECT id, message_sid, received_at, sender, CASE WHEN fallback IN ${UNANSWERED} THEN NULL ELSE substr(body, 1, ?) END,
              reply, answer_id, score, fallback
       FROM messages_v1`,
    ).run(maxBodyChars);
    db.exec('DROP TABLE messages_v1');
  }).immediate();
}
