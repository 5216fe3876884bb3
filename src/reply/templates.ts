/** Fills `{name}` placeholders in a reply text; unknown placeholders stay as written, so an editor's typo shows. */
export function fillTemplate(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{(\w+)\}/g, (placeholder, name: string) => values[name] ?? placeholder);
}
