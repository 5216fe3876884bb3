import { CorpusError, type CorpusProblem } from './corpus-error';
import { type CorpusRow, type FaqEntry, type SourceLocation } from './types';

interface Draft {
  id: string;
  answer: string;
  answerSource: SourceLocation | undefined;
  category: string;
  questions: string[];
  questionSources: SourceLocation[];
  firstSource: SourceLocation;
  followups: string[];
  followupsSource: SourceLocation | undefined;
}

/** The reserved id of rows that show what the bot should not answer. */
export const OUT_OF_SCOPE_ID = 'out-of-scope';

/** Answers with their questions, and the examples of messages to fall back on. */
export interface GroupedRows {
  readonly entries: FaqEntry[];
  readonly outOfScope: string[];
  /** Row of each out-of-scope example. */
  readonly outOfScopeSources: SourceLocation[];
}

/** Groups rows by id into answers with their questions; throws CorpusError listing every invalid row. */
export function groupEntries(rows: readonly CorpusRow[]): GroupedRows {
  const problems: CorpusProblem[] = [];
  const drafts = new Map<string, Draft>();
  const outOfScope: string[] = [];
  const outOfScopeSources: SourceLocation[] = [];

  for (const row of rows) {
    const { file, line } = row.source;
    if (row.id === '') {
      problems.push({ file, line, message: 'the row has no id; give it the id of the answer it asks for' });
      continue;
    }
    if (row.id === OUT_OF_SCOPE_ID) {
      if (row.answer !== '') problems.push({ file, line, message: `rows with the id "${OUT_OF_SCOPE_ID}" are messages the bot should not answer; leave their answer empty` });
      if (row.question === '') {
        problems.push({ file, line, message: `the "${OUT_OF_SCOPE_ID}" row has no question; write a message the bot should not answer, or delete the row` });
      } else {
        outOfScope.push(row.question);
        outOfScopeSources.push(row.source);
      }
      continue;
    }
    if (row.question === '') problems.push({ file, line, message: `the row for id "${row.id}" has no question; write how a customer would ask, or delete the row` });

    let draft = drafts.get(row.id);
    if (draft === undefined) {
      draft = { id: row.id, answer: '', answerSource: undefined, category: '', questions: [], questionSources: [], firstSource: row.source, followups: [], followupsSource: undefined };
      drafts.set(row.id, draft);
    }
    if (row.question !== '') {
      draft.questions.push(row.question);
      draft.questionSources.push(row.source);
    }
    if (draft.category === '') draft.category = row.category;
    if (row.followups !== undefined && row.followups.length > 0) {
      if (draft.followupsSource === undefined) {
        draft.followups = [...row.followups];
        draft.followupsSource = row.source;
      } else if (draft.followups.join('|') !== row.followups.join('|')) {
        const first = draft.followupsSource;
        problems.push({ file, line, message: `id "${row.id}" already has other follow-ups at ${first.file}:${first.line}; list them once per id and leave the cell empty on the other rows` });
      }
    }
    if (row.answer === '') continue;
    if (draft.answerSource === undefined) {
      draft.answer = row.answer;
      draft.answerSource = row.source;
    } else if (draft.answer !== row.answer) {
      const first = draft.answerSource;
      problems.push({ file, line, message: `id "${row.id}" already has a different answer at ${first.file}:${first.line}; keep one answer per id and leave the cell empty on the other rows` });
    }
  }

  const entries: FaqEntry[] = [];
  for (const draft of drafts.values()) {
    for (const next of draft.followups) {
      const at = draft.followupsSource!;
      if (next === draft.id) problems.push({ ...at, message: `id "${draft.id}" lists itself as a follow-up; list other answers' ids` });
      else if (!drafts.has(next)) problems.push({ ...at, message: `follow-up id "${next}" of "${draft.id}" does not exist; use the id of another answer, or remove it` });
    }
    if (draft.answerSource === undefined) {
      problems.push({ ...draft.firstSource, message: `id "${draft.id}" has no answer; write it in the answer cell of one of its rows` });
      continue;
    }
    entries.push({ id: draft.id, answer: draft.answer, category: draft.category, questions: draft.questions, source: draft.answerSource, questionSources: draft.questionSources, ...(draft.followups.length === 0 ? {} : { followups: [...new Set(draft.followups)] }) });
  }
  if (problems.length > 0) throw new CorpusError(sortProblems(problems));
  return { entries, outOfScope, outOfScopeSources };
}

function sortProblems(problems: CorpusProblem[]): CorpusProblem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}
