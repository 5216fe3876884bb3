import { type LoadedIndex } from '../index/loaded-index';
import { createMatcher } from '../match/matcher';
import { type MatchOptions } from '../match/options';
import { createBot, type Bot } from './bot';

/** The categories of an index's answers, in corpus order, for the help reply. */
export function listTopics(index: LoadedIndex): string[] {
  return [...new Set(index.answers.map((answer) => answer.category).filter((category) => category !== ''))];
}

/** Builds the bot that answers from one loaded index, with its own reply texts and topics. */
export function createBotFromIndex(index: LoadedIndex, matchOptions: Partial<MatchOptions> = {}): Bot {
  return createBot({ matcher: createMatcher(index, matchOptions), replies: index.replies, topics: listTopics(index) });
}
