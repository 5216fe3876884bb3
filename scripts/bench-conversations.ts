/**
 * What conversations cost per message: answers the sample corpus's regression messages, from many senders, once with
 * the bot alone and once through the conversation layer as the server runs it (state read from the SQLite message log,
 * decide(), the state written when it changed), side by side in one process, and prints µs per message and the ratio.
 * Run on purpose (`npm run bench:conversations`), never by `npm test`.
 */
import { parse } from 'csv-parse/sync';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { decide, DEFAULT_CONVERSATION_SETTINGS } from '../src/conversation/decide';
import { openSqliteStateStore } from '../src/conversation/sqlite-state-store';
import { loadIndex } from '../src/index/load-index';
import { reindex } from '../src/index/reindex';
import { createLogger } from '../src/log/logger';
import { createBotFromIndex } from '../src/reply/bot-from-index';
import { openMessageLog } from '../src/store/message-log';

const ROOT = resolve(__dirname, '..');
const MESSAGES = 20_000;
const SENDERS = 500;
const ROUNDS = 3;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'faqbot-bench-conversations-'));
  try {
    reindex(join(ROOT, 'corpus'), join(dir, 'index.sqlite'));
    const index = loadIndex(join(dir, 'index.sqlite'));
    const bot = createBotFromIndex(index);
    const texts = (parse(readFileSync(join(ROOT, 'test/fixtures/regression-messages.csv')), { columns: true }) as { message: string }[]).map((r) => r.message);
    const log = openMessageLog(join(dir, 'messages.sqlite'), { logger: createLogger('silent') });
    const store = openSqliteStateStore({ database: () => log.database() });
    let writes = 0;

    const alone = (): void => {
      for (let i = 0; i < MESSAGES; i++) bot.reply({ text: texts[i % texts.length]!, mediaCount: 0 });
    };
    const withState = async (round: number): Promise<void> => {
      for (let i = 0; i < MESSAGES; i++) {
        const text = texts[i % texts.length]!;
        const sender = `+4477009${String(i % SENDERS).padStart(5, '0')}`;
        const now = Date.now() + round * 86_400_000;
        const reply = bot.reply({ text, mediaCount: 0 });
        const state = await store.get(sender, now);
        const decision = decide({ state, text, now, reply, answer: (id) => bot.answer(id), replies: index.replies, settings: { ...DEFAULT_CONVERSATION_SETTINGS, handoffAfterFallbacks: 0 } });
        if (JSON.stringify(state ?? { fallbackStreak: 0 }) !== JSON.stringify(decision.state)) {
          await store.set(sender, decision.state, now);
          writes++;
        }
      }
    };

    const timeIt = async (run: () => void | Promise<void>): Promise<number> => {
      const started = performance.now();
      await run();
      return ((performance.now() - started) * 1000) / MESSAGES;
    };
    alone();
    const rows: [number, number][] = [];
    for (let round = 0; round < ROUNDS; round++) rows.push([await timeIt(alone), await timeIt(() => withState(round))]);
    console.log(`${MESSAGES} messages from ${SENDERS} senders per run, ${texts.length} distinct texts (test/fixtures/regression-messages.csv)`);
    for (const [i, [a, b]] of rows.entries()) console.log(`round ${i + 1}: bot alone ${a.toFixed(1)} µs/message, with conversation state ${b.toFixed(1)} µs/message, ratio ${(b / a).toFixed(2)}`);
    console.log(`state writes: ${writes} of ${MESSAGES * ROUNDS} messages (only changed states are written)`);
    await store.close();
    await log.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
