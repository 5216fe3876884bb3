import { type Config } from '../config/config';
import { ensureIndex } from '../index/ensure-index';
import { type LoadedIndex } from '../index/loaded-index';
import { type Bot } from '../reply/bot';
import { createBotFromIndex } from '../reply/bot-from-index';
import { lastGoodIndexNotice } from './last-good-index';
import { indexOptionsFrom, isDefaultIndexPath } from './settings';
import { buildSummary } from './summary';

/**
 * Loads the index for a terminal command and its bot, rebuilding a stale one first (said on stderr). A missing index is
 * built only at the default path, so that a fresh clone answers at once while a mistyped --db creates nothing. A corpus
 * with errors is reported on stderr and the last good index answers.
 */
export function openBot(config: Config): { index: LoadedIndex; bot: Bot } {
  const index = ensureIndex(config.dbPath, config.corpusDir, {
    index: indexOptionsFrom(config),
    createMissing: isDefaultIndexPath(config),
    onBuild: (meta) => console.error(buildSummary(meta, config.dbPath)),
    onCorpusError: (error, lastGood) => console.error(lastGoodIndexNotice(error, lastGood, config.dbPath)),
  });
  const bot = createBotFromIndex(index, config.matchThreshold === undefined ? {} : { threshold: config.matchThreshold });
  return { index, bot };
}
