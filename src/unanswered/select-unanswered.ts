import { type LoggedQuestion } from '../store/read-log';

/** Which logged messages the editor should see. */
export interface SelectOptions {
  /** A corpus answer with a confidence below this counts as unsure. Default 0.25. */
  readonly margin: number;
}

/** The default confidence margin: answers below it were given, but barely (the threshold is 0.07). */
export const DEFAULT_MARGIN = 0.25;

/** Why a message is in the report. */
export type UnansweredReason = 'fallback' | 'didYouMean' | 'unsure';

/** Why a logged message counts as not answered well, or null when it was answered confidently or by a rule that needs no answer (greeting, thanks, help...). */
export function unansweredReason(message: Pick<LoggedQuestion, 'fallback' | 'score'>, { margin }: SelectOptions = { margin: DEFAULT_MARGIN }): UnansweredReason | null {
  if (message.fallback === 'fallback' || message.fallback === 'didYouMean') return message.fallback;
  // Numbered choices between answers that tie ask the customer, like a did-you-mean: the corpus could not tell.
  if (message.fallback === 'choices') return 'didYouMean';
  if (message.fallback === null && message.score < margin) return 'unsure';
  return null;
}
