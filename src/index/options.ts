import { DEFAULT_TEXT_OPTIONS, type TextOptions } from '../text/options';

/** Everything that shapes the vectors of an index; stored in its metadata and reused at query time. */
export interface IndexOptions {
  /** How text becomes terms. Default: {@link DEFAULT_TEXT_OPTIONS}. */
  readonly text: TextOptions;
  /** Weigh a term seen n times by 1 + ln(n) rather than n, so repeats do not swamp a vector. Default `true`. */
  readonly sublinearTf: boolean;
}

/** The defaults of every index option. */
export const DEFAULT_INDEX_OPTIONS: IndexOptions = {
  text: DEFAULT_TEXT_OPTIONS,
  sublinearTf: true,
};

/** Options that override some defaults, down to single text options. */
export interface IndexOptionsInput {
  readonly text?: Partial<TextOptions>;
  readonly sublinearTf?: boolean;
}

/** Merges partial options over the defaults, once, where a component is built. */
export function resolveIndexOptions(input: IndexOptionsInput = {}): IndexOptions {
  return {
    text: { ...DEFAULT_INDEX_OPTIONS.text, ...input.text },
    sublinearTf: input.sublinearTf ?? DEFAULT_INDEX_OPTIONS.sublinearTf,
  };
}
