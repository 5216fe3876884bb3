/** Control characters that carry no meaning in a chat message: C0 except tab and newlines, DEL, C1, and U+FFFD left by invalid UTF-8. */
const NOISE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/g;

/** A message text made safe to match. */
export interface CleanText {
  readonly text: string;
  /** The text was longer than the cap and was cut. */
  readonly truncated: boolean;
}

/** Replaces control characters with spaces and cuts the text to `maxChars` (never inside a surrogate pair), so a pasted novel costs no more than a long question. */
export function cleanText(raw: string, maxChars: number): CleanText {
  const text = raw.replace(NOISE, ' ');
  if (text.length <= maxChars) return { text, truncated: false };
  const end = isHighSurrogate(text.charCodeAt(maxChars - 1)) ? maxChars - 1 : maxChars;
  return { text: text.slice(0, end), truncated: true };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
