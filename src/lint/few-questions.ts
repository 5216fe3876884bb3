import { type Corpus } from '../corpus/types';
import { type LintWarning } from './types';

/** Warns at the first question of each id with fewer than `minQuestions` questions: one phrasing teaches the bot little. */
export function findFewQuestions(corpus: Corpus, minQuestions: number): LintWarning[] {
  return corpus.entries.flatMap((entry): LintWarning[] => {
    if (entry.questions.length >= minQuestions) return [];
    const count = entry.questions.length === 1 ? 'a single question' : `only ${entry.questions.length} questions`;
    return [
      {
        ...(entry.questionSources?.[0] ?? entry.source),
        check: 'few-questions',
        message: `id "${entry.id}" has ${count}`,
        advice: 'add two or three other ways customers ask for it, in their words',
      },
    ];
  });
}
