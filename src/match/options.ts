/** When the matcher trusts its best candidate, and how much it reports. */
export interface MatchOptions {
  /** Lowest confidence at which the best answer is given. Default `0.07`, chosen on development data (docs/design.md). */
  readonly threshold: number;
  /** Lowest confidence at which a near miss is offered as "did you mean". Default `0.035`. */
  readonly suggestThreshold: number;
  /** How many ranked answers a match returns, the best included. Default `4`. */
  readonly candidates: number;
}

/** The defaults of every match option. */
export const DEFAULT_MATCH_OPTIONS: MatchOptions = {
  threshold: 0.07,
  suggestThreshold: 0.035,
  candidates: 4,
};

/** Merges partial options over the defaults. */
export function resolveMatchOptions(input: Partial<MatchOptions> = {}): MatchOptions {
  const options = { ...DEFAULT_MATCH_OPTIONS, ...input };
  for (const name of ['threshold', 'suggestThreshold'] as const) {
    const value = options[name];
    if (!Number.isFinite(value) || value < 0 || value > 1) throw new RangeError(`faqbot: match option "${name}" must be a number from 0 to 1, got ${value}`);
  }
  if (!Number.isInteger(options.candidates) || options.candidates < 1) throw new RangeError(`faqbot: match option "candidates" must be a whole number of at least 1, got ${options.candidates}`);
  return options;
}
