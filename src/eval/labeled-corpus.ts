import { createHash } from 'node:crypto';
import { DEFAULT_REPLIES } from '../corpus/replies';
import { type Corpus, type FaqEntry } from '../corpus/types';
import { type LabeledRow } from './labeled-csv';

/** Turns labeled utterances into a corpus: one answer per label, its rows as questions; unlabeled rows as out-of-scope examples. */
export function labeledToCorpus(rows: readonly LabeledRow[], file: string): Corpus {
  const questions = new Map<string, string[]>();
  const outOfScope: string[] = [];
  for (const row of rows) {
    if (row.text.trim() === '') continue;
    if (row.label === null) {
      outOfScope.push(row.text);
      continue;
    }
    const list = questions.get(row.label) ?? [];
    list.push(row.text);
    questions.set(row.label, list);
  }
  const entries: FaqEntry[] = [...questions].map(([label, texts]) => ({
    id: label,
    answer: label,
    category: '',
    questions: texts,
    source: { file, line: 0 },
  }));
  const hash = createHash('sha256').update(JSON.stringify(rows)).digest('hex');
  return { entries, outOfScope, replies: DEFAULT_REPLIES, files: [file], hash };
}
