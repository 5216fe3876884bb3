import { type Command } from 'commander';
import { openSqliteStateStore } from '../../conversation/sqlite-state-store';
import { openCommandStateStore } from '../../postgres/command-database';
import { senderCommand } from '../number-argument';
import { settingsFrom } from '../settings';

/** `faqbot resume <number>`: ends a hand-off, so the bot answers that sender again from the next message. */
export function registerResume(program: Command): void {
  senderCommand(program, 'resume', 'end a hand-off: the bot answers this sender again from the next message; safe while the server runs', async (number, flags) => {
    const config = settingsFrom({});
    const path = flags.log ?? config.messageLogPath;
    // With DATABASE_URL, the state every replica shares.
    const store = config.databaseUrl === undefined ? openSqliteStateStore(path, { create: false, busyTimeoutMs: 5000, maxBodyChars: config.maxMessageChars }) : await openCommandStateStore(config.databaseUrl);
    try {
      const now = Date.now();
      const state = await store.get(number, now);
      if (state?.pause === undefined) {
        console.log(`${number} is not paused: the bot already answers it.`);
        return;
      }
      // The whole conversation starts afresh: no streak that would hand it off again at the next fallback.
      await store.set(number, { fallbackStreak: 0 }, now);
      console.log(`Resumed ${number}: the bot answers its next message.`);
    } finally {
      await store.close();
    }
  });
}
