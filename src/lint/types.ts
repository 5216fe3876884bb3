import { type SourceLocation } from '../corpus/types';

/** What a lint warning is about; each has its own check. */
export type LintCheck = 'duplicate' | 'near-duplicate' | 'confusing' | 'out-of-scope-answered' | 'long-answer' | 'few-questions';

/** One problem the editor cannot see in the spreadsheet, at the row that shows it. */
export interface LintWarning extends SourceLocation {
  readonly check: LintCheck;
  /** What is wrong, e.g. `the question "when do you open" is also under id "hours" at corpus/shop.csv:3`. */
  readonly message: string;
  /** What to do about it. */
  readonly advice: string;
  /** The other row of a pair (the question it duplicates), when there is one. */
  readonly related?: SourceLocation;
}

/** One way of asking in the corpus, with the id it asks for and its row. */
export interface LintQuestion {
  readonly text: string;
  /** The answer's id, or `out-of-scope` for an example the bot should not answer. */
  readonly id: string;
  readonly source: SourceLocation;
  /** Position of its answer in the corpus entries, or null for an out-of-scope example. */
  readonly answer: number | null;
  /** Position among its answer's questions, or among the out-of-scope examples. */
  readonly nth: number;
}
