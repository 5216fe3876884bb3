import { type LoadedIndex } from '../index/loaded-index';
import { createMatcher } from '../match/matcher';
import { type MatchOptions } from '../match/options';
import { createBot, type AnswerEntry, type Bot, type CorpusAnswer } from './bot';
import { lexiconFor } from './lexicon';
import { questionKey } from './question-key';

/** The categories of an index's answers, in corpus order, for the help reply. */
export function listTopics(index: LoadedIndex): string[] {
  return [...new Set(index.answers.map((answer) => answer.category).filter((category) => category !== ''))];
}

/** Every question of an index by its {@link questionKey}; the first answer to hold a question keeps it. */
export function listQuestions(index: LoadedIndex): Map<string, CorpusAnswer> {
  const questions = new Map<string, CorpusAnswer>();
  for (const { id, answer, questions: asked } of index.answers) {
    for (const question of asked) {
      const key = questionKey(question);
      if (key !== '' && !questions.has(key)) questions.set(key, { id, answer });
    }
  }
  return questions;
}

/** Every answer of an index by corpus id, with its first question (the one a choice shows) and its follow-ups. */
export function listAnswers(index: LoadedIndex): Map<string, AnswerEntry> {
  return new Map(index.answers.map(({ id, answer, questions, followups = [] }) => [id, { answer, question: questions[0] ?? '', followups }]));
}

/** Builds the bot that answers from one loaded index, with its own reply texts, topics and rule vocabulary. */
export function createBotFromIndex(index: LoadedIndex, matchOptions: Partial<MatchOptions> = {}): Bot {
  return createBot({
    matcher: createMatcher(index, matchOptions),
    replies: index.replies,
    topics: listTopics(index),
    lexicon: lexiconFor(index.meta.options.text.language),
    questions: listQuestions(index),
    answers: listAnswers(index),
  });
}
