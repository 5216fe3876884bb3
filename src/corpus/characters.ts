/**
 * Characters that XML 1.0, and so a TwiML reply, cannot carry: C0 controls except tab, line feed and carriage return,
 * U+FFFE, U+FFFF, and halves of surrogate pairs standing alone. The TwiML builder throws on them.
 */
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Characters that change how a terminal shows what follows them: every C0 and C1 control, DEL, and the bidirectional controls. */
const UNSHOWABLE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The code point as editors name it, e.g. U+0007. */
function codePoint(character: string): string {
  return `U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The first character of `text` a WhatsApp reply cannot carry, named like U+0007, or null when there is none. */
export function unsupportedCharacter(text: string): string | null {
  const found = NOT_IN_XML.exec(text);
  return found === null ? null : codePoint(found[0]);
}

/** Writes control characters as \u001b escapes, so that a corpus value quoted in a message cannot drive the terminal that shows it. */
export function escapeControlCharacters(text: string): string {
  return text.replace(UNSHOWABLE, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
