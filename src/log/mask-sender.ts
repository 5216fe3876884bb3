/** Digits kept at the start of a number: enough for any country code's first digits, too few to identify anyone. */
const KEEP_START = 2;
/** Digits kept at the end, so an operator can tell two senders apart in the logs. */
const KEEP_END = 3;

/**
 * Masks a sender address for logs: `whatsapp:+447700900123` becomes `whatsapp:+44*******123`; the channel prefix stays.
 * Anything but a channel and a number is hidden whole: a number with text folded in after it must not slip through.
 */
export function maskSender(sender: string): string {
  const match = /^([a-z]+:)?(\+?)(\d+)$/.exec(sender);
  if (match === null) return sender === '' ? '' : '*'.repeat(Math.min(sender.length, 8));
  const [, prefix = '', plus = '', digits = ''] = match;
  if (digits.length <= KEEP_START + KEEP_END) return `${prefix}${plus}${'*'.repeat(digits.length)}`;
  return `${prefix}${plus}${digits.slice(0, KEEP_START)}${'*'.repeat(digits.length - KEEP_START - KEEP_END)}${digits.slice(-KEEP_END)}`;
}
