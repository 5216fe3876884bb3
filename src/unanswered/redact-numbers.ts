/** A run of digits, with the spaces, dots, dashes, slashes and brackets people type inside phone numbers, and an optional +. */
const NUMBER_RUN = /\+?\(?\d[\d\s().\/-]*\d/g;
/** Digits from which a run counts as a phone number: short numbers (prices, times, order counts) stay readable. */
const PHONE_DIGITS = 7;

/** Replaces every phone-number-like run of digits in a customer's text with "[number]", so a report never shows one. */
export function redactNumbers(text: string): string {
  return text.replace(NUMBER_RUN, (run) => (run.replace(/\D/g, '').length >= PHONE_DIGITS ? '[number]' : run));
}
