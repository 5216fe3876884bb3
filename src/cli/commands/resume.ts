import { type Command } from 'commander';
import { openSqliteStateStore } from '../../conversation/sqlite-state-store';
import { openCommandStateStore } from '../../postgres/command-database';
import { senderNumber } from '../../store/sender-key';
import { settingsFrom, UsageError } from '../settings';

/** `faqbot resume <number>`: ends a hand-off, so the bot answers that sender again from the next message. */
export function registerResume(program: Command): void {
  program
    .command('resume')
    .description('end a hand-off: the bot answers this sender again from the next message; safe while the server runs')
    .argument('<number...>', 'the phone number, e.g. +447700900123, whatsapp:+447700900123 or +44 7700 900123')
    .option('--log <file>', 'message log (default: MESSAGE_LOG or data/messages.sqlite)')
    .action(async (parts: string[], flags: { log?: string }) => {
      const typed = parts.join(' ');
      const number = senderNumber(typed);
      if (number === null) throw new UsageError(`"${typed}" is not a phone number; give it with its country code, e.g. +447700900123 (with or without whatsapp:, spaces allowed)`);
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
