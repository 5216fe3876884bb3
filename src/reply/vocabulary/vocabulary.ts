/**
 * The words the bot's rules listen for in one language. Phrases are written as people type them (accents and
 * apostrophes allowed): they are normalized and shorthand-expanded exactly as messages are before they are compared.
 *
 * A message made only of these phrases is small talk; the first five lists name the rule a phrase asks for. The
 * other lists are parts of two sentences the rules understand: asking for a person ("can i talk to the manager")
 * and asking whether the bot is one ("are you a real person").
 */
export interface Vocabulary {
  /** "hi", "good morning": the greeting rule. */
  readonly greeting: readonly string[];
  /** "thanks", "cheers": the thanks rule. */
  readonly thanks: readonly string[];
  /** "bye", "see you": the goodbye rule. */
  readonly goodbye: readonly string[];
  /** "help", "menu", "what can you do": the help rule. */
  readonly help: readonly string[];
  /** "ok", "cool", "got it": the acknowledgement rule. */
  readonly acknowledgement: readonly string[];
  /** Whole questions about the bot itself ("who are you"): the bot rule. */
  readonly bot: readonly string[];
  /** Words for a person that can only mean a member of staff ("human", "agent"); naming one asks for a hand-off. */
  readonly humanNoun: readonly string[];
  /** Words for a person that ask for a hand-off only with a verb of talking, or alone ("manager", "someone"). */
  readonly personNoun: readonly string[];
  /** Verbs of getting in touch that, next to a person, ask for a hand-off ("talk to", "speak with"). */
  readonly contactVerb: readonly string[];
  /** Openings of a question about what the bot is ("are you", "am i talking to"), completed by a bot or person noun. */
  readonly botQuestion: readonly string[];
  /** Words for a machine ("bot", "robot"); a message of small talk that names one asks what the bot is. */
  readonly botNoun: readonly string[];
  /** Words that sharpen a person or machine ("real", "actual"); "are you real" asks what the bot is. */
  readonly qualifier: readonly string[];
  /** Words that add no request of their own: politeness, articles, openings ("please", "the", "can i"). */
  readonly filler: readonly string[];
  /** Chat shorthand and what it stands for ("whr" -> "where"); one token to one or more words. */
  readonly shorthand: Readonly<Record<string, string>>;
}

/** The lists of a vocabulary that hold phrases, in the order phrase conflicts are reported. */
export const PHRASE_LISTS = [
  'greeting', 'thanks', 'goodbye', 'help', 'acknowledgement', 'bot',
  'humanNoun', 'personNoun', 'contactVerb', 'botQuestion', 'botNoun', 'qualifier', 'filler',
] as const satisfies ReadonlyArray<keyof Vocabulary>;

/** What a phrase is in a message: the name of the list it comes from. */
export type PhraseKind = (typeof PHRASE_LISTS)[number];
