import { TWILIO_MESSAGE_LIMIT } from '../channels/twilio/split-message';
import { type IndexOptionsInput } from '../index/options';
import { type MatchOptions } from '../match/options';

/** What `faqbot lint` checks, and how strictly. */
export interface LintOptions {
  /** Folds of the cross-validation: each question is asked of an index built without its fold. Default `5`. */
  readonly folds: number;
  /**
   * Lowest confidence at which a wrong answer to a held-out question, or any answer to a held-out out-of-scope
   * example, is reported. Default `0.5`: the bot gives that answer and is surer of it than of all others together.
   * Below it the bot was unsure anyway, and on a small corpus most held-out phrasings would be reported.
   */
  readonly strongMatch: number;
  /** Share of word stems two questions must have in common (Jaccard) to count as near-duplicates. Default `0.8`. */
  readonly nearDuplicate: number;
  /** Fewest questions an id should have. Default `2`. */
  readonly minQuestions: number;
  /** Longest answer that arrives as one WhatsApp message. Default `1600`, Twilio's limit. */
  readonly maxAnswerChars: number;
  /** Options of the index built for each fold, as reindex is given them. Default: the index defaults. */
  readonly index: IndexOptionsInput;
  /** Options of the matcher asked; its threshold decides what the bot would answer. Default: the match defaults. */
  readonly match: Partial<MatchOptions>;
}

/** The defaults of every lint option. */
export const DEFAULT_LINT_OPTIONS: LintOptions = {
  folds: 5,
  strongMatch: 0.5,
  nearDuplicate: 0.8,
  minQuestions: 2,
  maxAnswerChars: TWILIO_MESSAGE_LIMIT,
  index: {},
  match: {},
};

/** Merges partial options over the defaults, once; throws RangeError on a value that cannot work. */
export function resolveLintOptions(input: Partial<LintOptions> = {}): LintOptions {
  const options = { ...DEFAULT_LINT_OPTIONS, ...input };
  if (!Number.isInteger(options.folds) || options.folds < 2) throw new RangeError(`faqbot: lint option "folds" must be a whole number of at least 2, got ${options.folds}`);
  if (!(options.strongMatch >= 0 && options.strongMatch <= 1)) throw new RangeError(`faqbot: lint option "strongMatch" must be from 0 to 1, got ${options.strongMatch}`);
  if (!(options.nearDuplicate > 0 && options.nearDuplicate <= 1)) throw new RangeError(`faqbot: lint option "nearDuplicate" must be above 0 and at most 1, got ${options.nearDuplicate}`);
  return options;
}
