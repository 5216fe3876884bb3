import { splitMessage } from '../channels/twilio/split-message';
import { type Corpus } from '../corpus/types';
import { type LintWarning } from './types';

/** Warns at the answer row of each answer longer than `maxChars`, which reaches WhatsApp as several messages. */
export function findLongAnswers(corpus: Corpus, maxChars: number): LintWarning[] {
  return corpus.entries.flatMap((entry): LintWarning[] => {
    if (entry.answer.length <= maxChars) return [];
    const parts = splitMessage(entry.answer, maxChars).length;
    return [
      {
        ...entry.source,
        check: 'long-answer',
        message: `the answer of id "${entry.id}" is ${entry.answer.length.toLocaleString('en')} characters, over the ${maxChars.toLocaleString('en')} of one WhatsApp message, so it arrives as ${parts} messages`,
        advice: 'shorten it, or split it into answers of their own',
      },
    ];
  });
}
