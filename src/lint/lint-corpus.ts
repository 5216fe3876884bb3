import { performance } from 'node:perf_hooks';
import { type Corpus, type SourceLocation } from '../corpus/types';
import { resolveIndexOptions } from '../index/options';
import { createFeatureExtractor } from '../text/features';
import { tokenize } from '../text/tokenize';
import { crossValidate } from './cross-validate';
import { findExactDuplicates, findNearDuplicates, type QuestionForms } from './duplicate-questions';
import { findFewQuestions } from './few-questions';
import { listQuestions } from './list-questions';
import { findLongAnswers } from './long-answers';
import { findMisanswered } from './misanswered';
import { resolveLintOptions, type LintOptions } from './options';
import { type LintCheck, type LintWarning } from './types';

/** What lint found, and over how much corpus. */
export interface LintReport {
  /** In file, line and check order. */
  readonly warnings: readonly LintWarning[];
  readonly answers: number;
  readonly questions: number;
  readonly outOfScope: number;
  readonly elapsedMs: number;
}

// The order of checks at one row, and which ones a duplicate makes redundant (it is their cause, said better).
const CHECK_ORDER: readonly LintCheck[] = ['duplicate', 'near-duplicate', 'confusing', 'out-of-scope-answered', 'long-answer', 'few-questions'];
const EXPLAINED_BY_DUPLICATE: ReadonlySet<LintCheck> = new Set(['confusing', 'out-of-scope-answered']);

/** Checks a corpus for what the editor cannot see in the spreadsheet; pure apart from the clock. */
export function lintCorpus(corpus: Corpus, input: Partial<LintOptions> = {}): LintReport {
  const started = performance.now();
  const options = resolveLintOptions(input);
  const questions = listQuestions(corpus);
  const extract = createFeatureExtractor(resolveIndexOptions(options.index).text);
  const forms: QuestionForms = {
    key: (text) => tokenize(text).join(' '),
    stems: (text) => [...extract(text).keys()].filter((key) => key.startsWith('w:')),
  };

  const found = [
    ...findExactDuplicates(questions, forms),
    ...findNearDuplicates(questions, forms, options.nearDuplicate),
    ...findMisanswered(crossValidate(corpus, questions, options), options.strongMatch),
    ...findLongAnswers(corpus, options.maxAnswerChars),
    ...findFewQuestions(corpus, options.minQuestions),
  ];
  const rowKey = (at: SourceLocation): string => `${at.file}\0${at.line}`;
  // Both rows of a duplicate pair: held out, each is answered by the other's id.
  const duplicateRows = new Set(found.flatMap((w) => (w.check === 'duplicate' || w.check === 'near-duplicate' ? [w, w.related ?? w].map(rowKey) : [])));
  const warnings = found
    .filter((w) => !(EXPLAINED_BY_DUPLICATE.has(w.check) && duplicateRows.has(rowKey(w))))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || CHECK_ORDER.indexOf(a.check) - CHECK_ORDER.indexOf(b.check));
  return {
    warnings,
    answers: corpus.entries.length,
    questions: questions.length - corpus.outOfScope.length,
    outOfScope: corpus.outOfScope.length,
    elapsedMs: performance.now() - started,
  };
}
