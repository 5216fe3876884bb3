import Database from 'better-sqlite3';
import { expect } from 'chai';
import { openSqliteStateStore } from '../../src/conversation/sqlite-state-store';
import { STREAK_MEMORY_MS } from '../../src/conversation/state-expiry';
import { type StateStore } from '../../src/conversation/state-store';
import { forgetSender } from '../../src/store/forget-sender';
import { openMessageLog } from '../../src/store/message-log';
import { captureLog } from '../helpers/log-capture';
import { queryLog } from '../helpers/message-log-file';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

const NOW = Date.UTC(2026, 10, 27, 9, 0, 0);
const ADA = '+447700900123';
const BOB = '+447700900456';

describe('SQLite state store (in the message log file)', () => {
  let dir: TempDir;
  let path: string;
  let store: StateStore;
  beforeEach(() => {
    dir = makeTempDir();
    path = `${dir.path}/messages.sqlite`;
    store = openSqliteStateStore(path);
  });
  afterEach(async () => {
    await store.close();
    dir.cleanup();
  });

  it('remembers a state across a reopen of the file', async () => {
    await store.set(ADA, { fallbackStreak: 1, choices: { answerIds: ['a', 'b'], expiresAt: NOW + 1000 } }, NOW);
    await store.close();
    store = openSqliteStateStore(path);
    expect(await store.get(ADA, NOW)).to.deep.equal({ fallbackStreak: 1, choices: { answerIds: ['a', 'b'], expiresAt: NOW + 1000 } });
    expect(await store.get(BOB, NOW)).to.equal(undefined);
  });

  it('drops expired choices and pauses when read, and forgets a streak a day after it was last set', async () => {
    await store.set(ADA, { fallbackStreak: 2, choices: { answerIds: ['a'], expiresAt: NOW + 1000 } }, NOW);
    expect(await store.get(ADA, NOW + 1000)).to.deep.equal({ fallbackStreak: 2 });
    expect(await store.get(ADA, NOW + STREAK_MEMORY_MS)).to.equal(undefined);
    await store.set(BOB, { fallbackStreak: 0, pause: { startedAt: NOW, until: NOW + 5000, reason: 'asked' } }, NOW);
    expect(await store.get(BOB, NOW + 4999)).to.deep.equal({ fallbackStreak: 0, pause: { startedAt: NOW, until: NOW + 5000, reason: 'asked' } });
    expect(await store.get(BOB, NOW + 5000)).to.equal(undefined);
  });

  it('deletes rows by itself once they expire, and deletes a state with nothing left in it', async () => {
    await store.set(ADA, { fallbackStreak: 0, choices: { answerIds: ['a'], expiresAt: NOW + 1000 } }, NOW);
    await store.set(BOB, { fallbackStreak: 1 }, NOW);
    await store.set(BOB, { fallbackStreak: 0 }, NOW + 2000);
    expect(queryLog(path, 'SELECT sender FROM sender_state')).to.deep.equal([]);
  });

  it('lists paused senders soonest-ending first, leaving out ended pauses and unpaused senders', async () => {
    await store.set(ADA, { fallbackStreak: 0, pause: { startedAt: NOW, until: NOW + 9000, reason: 'asked' } }, NOW);
    await store.set(BOB, { fallbackStreak: 0, pause: { startedAt: NOW, until: NOW + 3000, reason: 'fallbacks' } }, NOW);
    await store.set('+447700900789', { fallbackStreak: 2 }, NOW);
    await store.set('+447700900999', { fallbackStreak: 0, pause: { startedAt: NOW - 9000, until: NOW + 10, reason: 'asked' } }, NOW);
    expect(await store.listPaused(NOW + 100)).to.deep.equal([
      { sender: BOB, startedAt: NOW, until: NOW + 3000, reason: 'fallbacks' },
      { sender: ADA, startedAt: NOW, until: NOW + 9000, reason: 'asked' },
    ]);
  });

  it('delete removes the sender and says how many rows went', async () => {
    await store.set(ADA, { fallbackStreak: 1 }, NOW);
    expect(await store.delete(ADA)).to.equal(1);
    expect(await store.delete(ADA)).to.equal(0);
    expect(await store.get(ADA, NOW)).to.equal(undefined);
  });

  it('is erased by faqbot forget, with the messages', async () => {
    await store.set(ADA, { fallbackStreak: 0, pause: { startedAt: NOW, until: NOW + 9000, reason: 'asked' } }, NOW);
    await store.set(BOB, { fallbackStreak: 1 }, NOW);
    forgetSender(path, ADA, { maxBodyChars: 2000 });
    expect(queryLog(path, 'SELECT sender FROM sender_state')).to.deep.equal([{ sender: BOB }]);
  });

  it('adds its table to a layout-2 log, keeping its messages', async () => {
    await store.close();
    dir.cleanup();
    dir = makeTempDir();
    path = `${dir.path}/messages.sqlite`;
    const db = new Database(path);
    db.exec(`CREATE TABLE messages (id INTEGER PRIMARY KEY, message_sid TEXT UNIQUE, received_at TEXT NOT NULL, sender TEXT NOT NULL, body TEXT,
               reply TEXT NOT NULL, answer_id TEXT, score REAL NOT NULL, fallback TEXT);
             CREATE TABLE forgotten (sender_hash TEXT PRIMARY KEY, forgotten_at TEXT NOT NULL) WITHOUT ROWID;
             INSERT INTO messages (message_sid, received_at, sender, body, reply, answer_id, score, fallback)
               VALUES ('SM1', '2026-11-27T08:00:00.000Z', 'whatsapp:${ADA}', 'hi', '["hello"]', NULL, 0, 'greeting');
             PRAGMA application_id = 1179733324; PRAGMA user_version = 2;`);
    db.close();
    store = openSqliteStateStore(path);
    await store.set(ADA, { fallbackStreak: 1 }, NOW);
    expect(queryLog(path, 'PRAGMA user_version')).to.deep.equal([{ user_version: 3 }]);
    expect(queryLog(path, 'SELECT message_sid FROM messages')).to.deep.equal([{ message_sid: 'SM1' }]);
    expect(await store.get(ADA, NOW)).to.deep.equal({ fallbackStreak: 1 });
  });
});

describe('message log recentMessages', () => {
  it('gives the last messages of one number, SMS and WhatsApp alike, written or queued, oldest first', async () => {
    const dir = makeTempDir();
    const log = openMessageLog(`${dir.path}/messages.sqlite`, { logger: captureLog().logger, flushDelayMs: 60_000 });
    try {
      const base = { answerId: null, score: 0, fallback: null };
      for (let i = 0; i < 12; i++) {
        log.record({ ...base, messageSid: `SM${i}`, sender: i % 2 === 0 ? `whatsapp:${ADA}` : ADA, body: `q${i}`, messages: [`a${i}`] }, NOW + i * 1000);
      }
      log.record({ ...base, messageSid: 'SMbob', sender: `whatsapp:${BOB}`, body: 'bob', messages: ['x'] }, NOW + 500);
      log.flush();
      log.record({ ...base, messageSid: 'SM12', sender: `whatsapp:${ADA}`, body: 'q12', messages: [] }, NOW + 12_000);
      const recent = await log.recentMessages(ADA, 10);
      expect(recent.map((m) => m.body)).to.deep.equal(['q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9', 'q10', 'q11', 'q12']);
      expect(recent[0]).to.deep.equal({ receivedAt: new Date(NOW + 3000).toISOString(), body: 'q3', reply: ['a3'] });
    } finally {
      await log.close();
      dir.cleanup();
    }
  });
});
