/** Folds accents and drops apostrophes but keeps case, so capitals can still be read ("Paris" as a name). */
export function foldAccents(text: string): string {
  return text
    .normalize('NFKD')
    // Combining marks go so that "café" and "cafe" meet; apostrophes go so "don't" is one token.
    .replace(/\p{M}+/gu, '')
    .replace(/['’‘`]/g, '');
}

/** Folds text to the form both the index and incoming messages are compared in: lower case, no accents, no apostrophes. */
export function normalize(text: string): string {
  return foldAccents(text).toLowerCase();
}
