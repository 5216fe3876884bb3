import { type IndexMeta } from '../index/meta';
import { type Bot } from '../reply/bot';

/** What the HTTP layer serves at one moment: a bot and the metadata of the index behind it. */
export interface ServingIndex {
  readonly bot: Bot;
  readonly meta: IndexMeta;
}
