import { type Replies } from '../corpus/replies';
import { type IndexMeta } from '../index/meta';
import { type LoadedIndex } from '../index/loaded-index';
import { type MatchOptions } from '../match/options';
import { createBotFromIndex } from '../reply/bot-from-index';
import { type Bot } from '../reply/bot';

/** What was wrong with the corpus when this index was chosen: errors > 0 means the last good index is served instead of the corpus. */
export interface CorpusStatus {
  /** Corpus problems (file:line errors) that kept the corpus from being indexed; 0 when it was fine. */
  readonly errors: number;
}

/** What the HTTP layer serves at one moment: a bot, the metadata of the index behind it and its reply texts. */
export interface ServingIndex {
  readonly bot: Bot;
  readonly meta: IndexMeta;
  /** The index's reply texts, for the channel's own notices (rate limit, apology). */
  readonly replies: Replies;
  /** The state of the corpus when this index was loaded, for /health. */
  readonly corpus: CorpusStatus;
}

/** Builds everything served from one loaded index. */
export function toServingIndex(index: LoadedIndex, matchOptions: Partial<MatchOptions> = {}, corpus: CorpusStatus = { errors: 0 }): ServingIndex {
  return { bot: createBotFromIndex(index, matchOptions), meta: index.meta, replies: index.replies, corpus };
}
