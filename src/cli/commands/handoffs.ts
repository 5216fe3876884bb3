import { type Command } from 'commander';
import { openSqliteStateStore } from '../../conversation/sqlite-state-store';
import { openCommandStateStore } from '../../postgres/command-database';
import { type PausedSender } from '../../conversation/state-store';
import { settingsFrom } from '../settings';

/** One line of the list: number, reason, start and end in UTC. */
export function formatPaused(paused: PausedSender): string {
  const time = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 16);
  const why = paused.reason === 'asked' ? 'asked for a person' : 'fallbacks in a row';
  return `${paused.sender}  ${why.padEnd(18)}  since ${time(paused.startedAt)} UTC  until ${time(paused.until)} UTC`;
}

/** `faqbot handoffs`: lists the conversations handed to a person, where the bot is silent, soonest-ending first. */
export function registerHandoffs(program: Command): void {
  program
    .command('handoffs')
    .description('list the conversations handed to a person (the bot is silent for them), with when each started and ends')
    .option('--log <file>', 'message log (default: MESSAGE_LOG or data/messages.sqlite)')
    .option('--json', 'print a JSON array of {sender, reason, startedAt, until} (ISO times)')
    .action(async (flags: { log?: string; json?: boolean }) => {
      const config = settingsFrom({});
      // With DATABASE_URL, the state every replica shares.
      const store = config.databaseUrl === undefined ? openSqliteStateStore(flags.log ?? config.messageLogPath, { create: false, busyTimeoutMs: 5000, maxBodyChars: config.maxMessageChars }) : await openCommandStateStore(config.databaseUrl);
      try {
        const paused = await store.listPaused(Date.now());
        if (flags.json === true) {
          const rows = paused.map((p) => ({ sender: p.sender, reason: p.reason, startedAt: new Date(p.startedAt).toISOString(), until: new Date(p.until).toISOString() }));
          console.log(JSON.stringify(rows, null, 2));
        } else if (paused.length === 0) {
          console.log('No conversation is handed off: the bot answers everyone.');
        } else {
          for (const p of paused) console.log(formatPaused(p));
          console.log(`${paused.length} paused; \`faqbot resume <number>\` brings the bot back for one.`);
        }
      } finally {
        await store.close();
      }
    });
}
