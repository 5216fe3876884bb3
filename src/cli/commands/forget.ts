import { type Command } from 'commander';
import { existsSync } from 'node:fs';
import { describeUrl } from '../../postgres/shared-database';
import { forgetInDatabase } from '../../postgres/command-database';
import { forgetSender } from '../../store/forget-sender';
import { senderCommand } from '../number-argument';
import { settingsFrom } from '../settings';

/** `faqbot forget <number>`: erases everything the message log holds about one sender (the right to erasure). */
export function registerForget(program: Command): void {
  senderCommand(program, 'forget', 'delete every message of one sender from the message log (right to erasure); safe while the server runs', async (number, flags) => {
    const config = settingsFrom({});
    const path = flags.log ?? config.messageLogPath;
    if (config.databaseUrl !== undefined) {
      const deletedShared = await forgetInDatabase(config.databaseUrl, number);
      console.log(`Forgot ${number}: deleted ${deletedShared} message${deletedShared === 1 ? '' : 's'} and the conversation state from ${describeUrl(config.databaseUrl)}; no replica will write any it still holds.`);
      // A log from before `faqbot migrate-log` may still hold older messages.
      if (flags.log === undefined && !existsSync(path)) return;
    }
    const deleted = forgetSender(path, number, { maxBodyChars: config.maxMessageChars });
    console.log(`Forgot ${number}: deleted ${deleted} message${deleted === 1 ? '' : 's'} from ${path}; a running server will not write any it still holds.`);
  });
}
