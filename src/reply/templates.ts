/** Fills `{name}` placeholders in a reply text; unknown placeholders stay as written, so an editor's typo shows. */
export function fillTemplate(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{(\w+)\}/g, (placeholder, name: string) => values[name] ?? placeholder);
}

/** A question without its closing punctuation, to quote inside a reply that ends the sentence itself ("Did you mean: "{question}"?"). */
export function withoutEndPunctuation(question: string): string {
  return question.replace(/[\s?？!！.。…;:,]+$/u, '');
}
