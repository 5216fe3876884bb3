import { type Replies } from '../corpus/replies';
import { type IndexMeta } from '../index/meta';
import { type LoadedIndex } from '../index/loaded-index';
import { type MatchOptions } from '../match/options';
import { createBotFromIndex } from '../reply/bot-from-index';
import { type Bot } from '../reply/bot';

/** What the HTTP layer serves at one moment: a bot, the metadata of the index behind it and its reply texts. */
export interface ServingIndex {
  readonly bot: Bot;
  readonly meta: IndexMeta;
  /** The index's reply texts, for the channel's own notices (rate limit, apology). */
  readonly replies: Replies;
}

/** Builds everything served from one loaded index. */
export function toServingIndex(index: LoadedIndex, matchOptions: Partial<MatchOptions> = {}): ServingIndex {
  return { bot: createBotFromIndex(index, matchOptions), meta: index.meta, replies: index.replies };
}
