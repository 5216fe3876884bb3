/** Longest text a log field holds when the text comes from a request that no signature vouches for. */
export const MAX_LOGGED_CHARS = 64;

/** Cuts a client-supplied text for a log line, marking the cut, so that a flood of huge fields cannot fill the disk. */
export function clipForLog(text: string, max = MAX_LOGGED_CHARS): string {
  if (text.length <= max) return text;
  // Never end on the first half of a surrogate pair: the log stays valid UTF-8.
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return `${text.slice(0, end)}…`;
}
