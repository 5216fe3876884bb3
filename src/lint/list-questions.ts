import { OUT_OF_SCOPE_ID } from '../corpus/group-entries';
import { type Corpus } from '../corpus/types';
import { type LintQuestion } from './types';

/** Every question of the corpus and every out-of-scope example, with its id and row, in corpus order. */
export function listQuestions(corpus: Corpus): LintQuestion[] {
  const questions: LintQuestion[] = [];
  corpus.entries.forEach((entry, answer) => {
    entry.questions.forEach((text, nth) => questions.push({ text, id: entry.id, source: entry.questionSources?.[nth] ?? entry.source, answer, nth }));
  });
  const fallback = { file: corpus.files[0] ?? '', line: 0 };
  corpus.outOfScope.forEach((text, nth) => questions.push({ text, id: OUT_OF_SCOPE_ID, source: corpus.outOfScopeSources?.[nth] ?? fallback, answer: null, nth }));
  return questions;
}
