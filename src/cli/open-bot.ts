import { type Config } from '../config/config';
import { ensureIndex } from '../index/ensure-index';
import { type LoadedIndex } from '../index/loaded-index';
import { type Bot } from '../reply/bot';
import { createBotFromIndex } from '../reply/bot-from-index';
import { indexOptionsFrom } from './settings';
import { buildSummary } from './summary';

/** Loads the index for a terminal command (building it first if missing or stale, said on stderr) and its bot. */
export function openBot(config: Config): { index: LoadedIndex; bot: Bot } {
  const index = ensureIndex(config.dbPath, config.corpusDir, indexOptionsFrom(config), (meta) => console.error(buildSummary(meta, config.dbPath)));
  const bot = createBotFromIndex(index, config.matchThreshold === undefined ? {} : { threshold: config.matchThreshold });
  return { index, bot };
}
