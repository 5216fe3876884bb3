/** Longest body Twilio accepts for one WhatsApp message; longer ones are rejected, not split, by Twilio. */
export const TWILIO_MESSAGE_LIMIT = 1600;

/** Places to break a long text, best first: a blank line, a line end, a sentence end, a space. */
const BOUNDARIES: readonly RegExp[] = [/\n[^\S\n]*\n/g, /\n/g, /[.!?…][)"'”’»]*(?=\s)/g, /\s/g];

/** A break point at one of these levels is taken only if it fills at least this share of a message; otherwise a finer one is tried. */
const MIN_FILL = 0.5;

/** Where the first chunk of `text` (longer than `limit`) should end: the best boundary that keeps it within the limit. */
export function findBreak(text: string, limit: number): number {
  const window = text.slice(0, limit + 1);
  for (const [level, pattern] of BOUNDARIES.entries()) {
    let best = 0;
    for (const match of window.matchAll(pattern)) {
      // Sentence ends break after the punctuation; the others break before the whitespace.
      const at = level === 2 ? match.index + match[0].length : match.index;
      // Stryker disable next-line ConditionalExpression,LogicalOperator: the window ends at the limit, so every `at` is within it, and matches come in order, so each `at` is the largest yet.
      if (at <= limit && at > best) best = at;
    }
    const last = level === BOUNDARIES.length - 1;
    if (best > 0 && (last || best >= limit * MIN_FILL)) return best;
  }
  // One "word" longer than a message (a long link): cut it, but never between the halves of a surrogate pair.
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

/** Splits a reply into messages of at most `limit` characters at paragraph, line, sentence or word boundaries; only whitespace at the breaks is dropped. */
export function splitMessage(text: string, limit = TWILIO_MESSAGE_LIMIT): string[] {
  const chunks: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const at = findBreak(rest, limit);
    chunks.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest !== '') chunks.push(rest);
  return chunks;
}
