import { ConfigError } from '../config/config';
import { isSameFile } from '../index/index-file';

/** The message log kept in memory only, which shares no file with anything. */
const IN_MEMORY = ':memory:';

/** Refuses an index path and a message log path that name one file: reindex replaces the index whole, which would erase the log. */
export function checkIndexIsNotMessageLog(indexPath: string, messageLogPath: string): void {
  if (messageLogPath.trim() === IN_MEMORY || !isSameFile(indexPath, messageLogPath)) return;
  throw new ConfigError([
    `FAQBOT_DB (or --db) and MESSAGE_LOG both name ${indexPath}: reindex replaces the index file whole, so the message log must be another file; give them different paths`,
  ]);
}
