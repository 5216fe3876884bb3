/** One numbered option in a reply: the answer it stands for and the question shown for it. */
export interface Choice {
  /** Corpus id of the answer. */
  readonly id: string;
  /** The answer's first question, shown as the option. */
  readonly question: string;
}

/** The options as WhatsApp shows them, one per line: "1. How do I book?". */
export function formatChoices(choices: readonly Choice[]): string {
  return choices.map((choice, i) => `${i + 1}. ${choice.question}`).join('\n');
}

// A digit as a keycap emoji is the digit, U+FE0F (emoji style, optional) and U+20E3 (combining enclosing keycap).
const KEYCAP = /[\uFE0F\u20E3]/g;

/**
 * The number a message picks, or null when it is not just a number: "2", "2.", "#2", "2)", "2️⃣" and " 2 " give 2;
 * "2 please", "22 bikes" (as an option number past what is shown is the caller's check) and "" give null / 22 / null.
 */
export function pickedNumber(text: string): number | null {
  const bare = text.trim().replace(KEYCAP, '').replace(/^#\s*/, '').replace(/[.)]$/, '').trim();
  return /^\d{1,2}$/.test(bare) ? Number.parseInt(bare, 10) : null;
}
