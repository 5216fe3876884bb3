import { type Command } from 'commander';
import { connectForCommand } from '../../postgres/command-database';
import { copyMessageLog } from '../../postgres/copy-message-log';
import { describeUrl } from '../../postgres/shared-database';
import { SharedDatabaseError } from '../../postgres/shared-database-error';
import { MessageLogError } from '../../store/message-log-error';
import { settingsFrom, UsageError } from '../settings';

/** `faqbot migrate-log`: copies the SQLite message log of a single server into the shared PostgreSQL database. */
export function registerMigrateLog(program: Command): void {
  program
    .command('migrate-log')
    .description('copy the SQLite message log (messages, erasures, conversation state) into DATABASE_URL; safe to run again')
    .option('--log <file>', 'message log to copy (default: MESSAGE_LOG or data/messages.sqlite)')
    .action(async (flags: { log?: string }) => {
      const config = settingsFrom({});
      if (config.databaseUrl === undefined) throw new UsageError('migrate-log copies into the shared database: set DATABASE_URL (postgres://...) first');
      const path = flags.log ?? config.messageLogPath;
      const db = await connectForCommand(config.databaseUrl);
      try {
        const report = await copyMessageLog(path, db, config.maxMessageChars);
        const skipped = report.read - report.written;
        console.log(
          `Copied ${report.written} of ${report.read} messages from ${path} to ${describeUrl(config.databaseUrl)}` +
            `${skipped > 0 ? ` (${skipped} were there already, or their sender was erased)` : ''}, ${report.erasures} erasure marks and ${report.states} conversation states.`,
        );
        console.log(`${path} was left in place: once the replicas run with DATABASE_URL, delete it (it holds phone numbers and messages).`);
      } catch (error) {
        if (error instanceof SharedDatabaseError || error instanceof MessageLogError) throw error;
        throw new SharedDatabaseError(`could not copy ${path} to ${describeUrl(config.databaseUrl)}`, error, 'Nothing was copied; fix the cause and run it again');
      } finally {
        await db.close();
      }
    });
}
