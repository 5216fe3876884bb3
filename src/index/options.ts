import { DEFAULT_TEXT_OPTIONS, type TextOptions } from '../text/options';
import { type TokenClass } from '../text/token-class';
import { DEFAULT_WEIGHTING_OPTIONS, type WeightingOptions } from './tfidf';
import { DEFAULT_TRAINING_OPTIONS, type TrainingOptions } from './train';

/** How raw answer scores become the 0..1 confidence the threshold is compared with. */
export interface CalibrationOptions {
  /** Softmax temperature over answer scores; lower makes the best answer stand out more. Default `0.125`. */
  readonly temperature: number;
  /**
   * Score of an implicit "none of these" answer that every message has, so that a message far from all
   * answers gets a low confidence even in a corpus of a few answers. Default `0.63`.
   */
  readonly noneScore: number;
  /**
   * How much a feature the index has never seen counts in a message's length (a multiplier of its squared weight
   * at the highest idf), by the kind of word it came from (src/text/token-class.ts). Default: `name` 0, so that an
   * unknown name or number cannot by itself turn a clear match into a fallback (at 0 the matcher leaves such a word
   * out of the message altogether, its known character n-grams too); `word` 1.25, as an unknown
   * dictionary word ("weather", "joke") says the message asks something else; `other` 1. Features of known words
   * only (a new pair of known words) count 1.
   */
  readonly unknownWeights: Readonly<Record<TokenClass, number>>;
}

/** Everything that shapes an index; stored in its metadata and reused at query time. */
export interface IndexOptions {
  /** How text becomes features. Default: {@link DEFAULT_TEXT_OPTIONS}. */
  readonly text: TextOptions;
  /** How features are weighted. Default: {@link DEFAULT_WEIGHTING_OPTIONS}. */
  readonly weighting: WeightingOptions;
  /** How answer vectors are learned. Default: {@link DEFAULT_TRAINING_OPTIONS}. */
  readonly training: TrainingOptions;
  /** How scores become confidences. Default: {@link DEFAULT_CALIBRATION_OPTIONS}. */
  readonly calibration: CalibrationOptions;
  /**
   * Weight of each answer's own text as one more way of asking for it (0 to ignore answer texts). Answers
   * hold the words customers use, which helps most when an answer has few questions. Default `2`.
   */
  readonly answerWeight: number;
}

/** The defaults of every calibration option. */
export const DEFAULT_CALIBRATION_OPTIONS: CalibrationOptions = {
  temperature: 0.125,
  noneScore: 0.63,
  unknownWeights: { name: 0, word: 1.25, other: 1 },
};

/** The defaults of every index option. */
export const DEFAULT_INDEX_OPTIONS: IndexOptions = {
  text: DEFAULT_TEXT_OPTIONS,
  weighting: DEFAULT_WEIGHTING_OPTIONS,
  training: DEFAULT_TRAINING_OPTIONS,
  calibration: DEFAULT_CALIBRATION_OPTIONS,
  answerWeight: 2,
};

/** Options that override some defaults, one level deep. */
export interface IndexOptionsInput {
  readonly text?: Partial<TextOptions>;
  readonly weighting?: Partial<WeightingOptions>;
  readonly training?: Partial<TrainingOptions>;
  readonly calibration?: Partial<CalibrationOptions>;
  readonly answerWeight?: number;
}

/** Merges partial options over the defaults, once, where an index is built. */
export function resolveIndexOptions(input: IndexOptionsInput = {}): IndexOptions {
  return {
    text: { ...DEFAULT_INDEX_OPTIONS.text, ...input.text },
    weighting: { ...DEFAULT_INDEX_OPTIONS.weighting, ...input.weighting },
    training: { ...DEFAULT_INDEX_OPTIONS.training, ...input.training },
    calibration: { ...DEFAULT_INDEX_OPTIONS.calibration, ...input.calibration },
    answerWeight: input.answerWeight ?? DEFAULT_INDEX_OPTIONS.answerWeight,
  };
}
