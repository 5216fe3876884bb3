import { OUT_OF_SCOPE_ID } from '../corpus/group-entries';
import { type HeldOutAnswer } from './cross-validate';
import { type LintWarning } from './types';

/**
 * Warns at each question the bot, not having seen it, answers with another id with at least `strongMatch`
 * confidence (a phrasing that confuses it), and at each out-of-scope example it answers that confidently.
 */
export function findMisanswered(answers: readonly HeldOutAnswer[], strongMatch: number): LintWarning[] {
  const warnings: LintWarning[] = [];
  for (const { question, top, answered } of answers) {
    if (!answered || top === undefined || top.id === question.id || top.score < strongMatch) continue;
    const given = `gets the answer of "${top.id}" (confidence ${top.score.toFixed(2)})`;
    if (question.id === OUT_OF_SCOPE_ID) {
      warnings.push({
        ...question.source,
        check: 'out-of-scope-answered',
        message: `the out-of-scope example "${question.text}" ${given}`,
        advice: `give the row the id "${top.id}" if that answer is right, or else add more out-of-scope examples like it`,
      });
    } else {
      warnings.push({
        ...question.source,
        check: 'confusing',
        message: `asked as a new message, "${question.text}" (id "${question.id}") ${given}`,
        advice: `add questions like it to "${question.id}", with the words that set it apart from "${top.id}"`,
      });
    }
  }
  return warnings;
}
