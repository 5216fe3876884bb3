import { type Corpus, type FaqEntry } from '../corpus/types';
import { buildModel } from '../index/model';
import { resolveIndexOptions } from '../index/options';
import { createMatcher, type Candidate } from '../match/matcher';
import { indexInMemory } from './in-memory-index';
import { type LintOptions } from './options';
import { type LintQuestion } from './types';

/** How the bot answers one question when the index was built without it. */
export interface HeldOutAnswer {
  readonly question: LintQuestion;
  /** The best-ranked answer, whether or not it clears the threshold; undefined when nothing matched at all. */
  readonly top: Candidate | undefined;
  /** The bot would give `top` (it clears the threshold) rather than fall back. */
  readonly answered: boolean;
}

/**
 * Asks every question of the corpus (out-of-scope examples included) of an index built without it: k-fold
 * cross-validation, each id's questions dealt round the folds so every fold keeps most of each id. Indexes are
 * built in memory, with the same options as reindex, so this is the bot's own answer to a new phrasing.
 */
export function crossValidate(corpus: Corpus, questions: readonly LintQuestion[], options: LintOptions): HeldOutAnswer[] {
  const indexOptions = resolveIndexOptions(options.index);
  const answers: HeldOutAnswer[] = new Array<HeldOutAnswer>(questions.length);
  for (const { train, heldOut } of foldCorpora(corpus, questions, options.folds)) {
    const matcher = createMatcher(indexInMemory(train, buildModel(train, indexOptions), indexOptions), options.match);
    for (const i of heldOut) {
      const result = matcher.match(questions[i]!.text);
      answers[i] = { question: questions[i]!, top: result.candidates[0], answered: result.best !== null };
    }
  }
  return answers;
}

/** One fold of a cross-validation: the corpus without some questions, and their positions in the question list. */
export interface Fold {
  /** The corpus without the fold's questions and examples; every answer stays, in place, so ids keep their positions. */
  readonly train: Corpus;
  /** Positions (in the question list) of the questions held out. */
  readonly heldOut: readonly number[];
}

/** The `folds` folds crossValidate asks, without the empty ones: each id's questions dealt round the folds. */
export function foldCorpora(corpus: Corpus, questions: readonly LintQuestion[], folds: number): Fold[] {
  const fold = dealFolds(questions, folds);
  const result: Fold[] = [];
  for (let f = 0; f < folds; f++) {
    const heldOut = questions.flatMap((_, i) => (fold[i] === f ? [i] : []));
    if (heldOut.length > 0) result.push({ train: withoutFold(corpus, questions, fold, f), heldOut });
  }
  return result;
}

/** The fold of each question: one counter dealt over the questions grouped by id, so folds are even and ids spread. */
function dealFolds(questions: readonly LintQuestion[], folds: number): number[] {
  const byId = new Map<string, number[]>();
  questions.forEach((question, i) => {
    const positions = byId.get(question.id) ?? [];
    positions.push(i);
    byId.set(question.id, positions);
  });
  const fold = new Array<number>(questions.length);
  let dealt = 0;
  for (const positions of byId.values()) for (const i of positions) fold[i] = dealt++ % folds;
  return fold;
}

/** The corpus without the questions and examples of one fold; every answer stays, in place, so ids keep their positions. */
function withoutFold(corpus: Corpus, questions: readonly LintQuestion[], fold: readonly number[], f: number): Corpus {
  const held = new Set(questions.flatMap((question, i) => (fold[i] === f ? [`${question.answer}:${question.nth}`] : [])));
  const kept = (answer: number | null) => (_: string, nth: number): boolean => !held.has(`${answer}:${nth}`);
  const entries = corpus.entries.map(
    (entry, answer): FaqEntry => ({ id: entry.id, answer: entry.answer, category: entry.category, source: entry.source, questions: entry.questions.filter(kept(answer)) }),
  );
  return { ...corpus, entries, outOfScope: corpus.outOfScope.filter(kept(null)) };
}
