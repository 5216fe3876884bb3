import { readEmoji } from './emoji';
import { readWords, segmentWords, type Lexicon, type Segment } from './lexicon';
import { type PhraseKind } from './vocabulary/vocabulary';

/** Conversational moves the bot answers with a rule of its own rather than from the corpus. */
export const SMALL_TALK_RULES = ['human', 'bot', 'help', 'goodbye', 'thanks', 'greeting', 'acknowledgement'] as const;

/** One conversational move: the name of its rule and of its reply text. */
export type SmallTalk = (typeof SMALL_TALK_RULES)[number];

/**
 * How much of the message the small talk is:
 * - `whole`: nothing but small talk ("hi!", "ok thanks 👍", "can i talk to the manager"); the rule answers.
 * - `handOff`: a longer message that asks for a person ("i want to talk to a human about my order"); the rule answers.
 * - `part`: small talk beside words the rules do not know ("hi sam"); the rule answers only if the corpus cannot.
 */
export type SmallTalkExtent = 'whole' | 'handOff' | 'part';

/** The rule a message asks for, and how much of the message asks for it. */
export interface SmallTalkReading {
  readonly rule: SmallTalk;
  readonly extent: SmallTalkExtent;
}

// Checked in this order when a message holds several: "ok thanks bye" is a goodbye, "hi, help" asks for help.
const CONVERSATIONAL = ['help', 'goodbye', 'thanks', 'greeting', 'acknowledgement'] as const;

// A hand-off request inside a message longer than this is more likely a story than a request.
const HAND_OFF_MAX_WORDS = 12;

// Small talk beside unknown words counts only in short messages mostly made of it; longer ones are questions with
// a greeting in front. An acknowledgement counts only as the whole message: "good bike?" is a question, not an "ok".
const PART_MAX_WORDS: Readonly<Record<Exclude<SmallTalk, 'human'>, number>> = {
  bot: 8, help: 6, goodbye: 6, thanks: 8, greeting: 5, acknowledgement: 0,
};

/** Reads a message for small talk in the corpus language's vocabulary; null when it holds none. */
export function readSmallTalk(text: string, lexicon: Lexicon): SmallTalkReading | null {
  const emoji = readEmoji(text);
  const words = readWords(emoji.rest, lexicon);
  const segments = segmentWords(words, lexicon);
  const kinds = new Set<PhraseKind>(segments.flatMap((segment) => (segment.kind === null ? [] : [segment.kind])));
  const whole = !emoji.unknown && segments.every((segment) => segment.kind !== null);
  if (whole) {
    const rule = ruleOfWholeMessage(new Set([...kinds, ...emoji.meanings]));
    if (rule !== null) return { rule, extent: 'whole' };
  }
  if (words.length <= HAND_OFF_MAX_WORDS && asksForPerson(segments)) return { rule: 'human', extent: 'handOff' };
  const rule = conversationalRule(kinds);
  if (rule !== null && words.length <= PART_MAX_WORDS[rule] && knownShare(segments) >= 0.5) return { rule, extent: 'part' };
  return null;
}

// Small talk beside a name or two ("thanks sam") is still small talk; a stray "night" in "who won last night" is not.
function knownShare(segments: readonly Segment[]): number {
  let known = 0;
  let all = 0;
  for (const segment of segments) {
    all += segment.words.length;
    if (segment.kind !== null) known += segment.words.length;
  }
  return all === 0 ? 0 : known / all;
}

function ruleOfWholeMessage(kinds: ReadonlySet<PhraseKind>): SmallTalk | null {
  const other = conversationalRule(kinds);
  const person = kinds.has('humanNoun') || kinds.has('personNoun');
  // "are you human" asks what the bot is; "can i talk to a human" and "a real person please" ask for one.
  if (kinds.has('contactVerb') && person) return 'human';
  if (other !== 'bot' && kinds.has('humanNoun')) return 'human';
  // "manager" or "someone" alone asks for a person; beside "thanks" or "hi" it is a name for whoever reads.
  if (other === null && kinds.has('personNoun')) return 'human';
  return other;
}

function conversationalRule(kinds: ReadonlySet<PhraseKind>): Exclude<SmallTalk, 'human'> | null {
  const named = CONVERSATIONAL.find((rule) => kinds.has(rule)) ?? null;
  const asksWhatBotIs =
    kinds.has('bot') ||
    (kinds.has('botQuestion') && (['botNoun', 'humanNoun', 'personNoun', 'qualifier'] as const).some((kind) => kinds.has(kind))) ||
    // "bot?" asks; "thanks bot" only names it.
    (kinds.has('botNoun') && named === null);
  return asksWhatBotIs ? 'bot' : named;
}

// A person named outright ("human", "agent") unless a question about the bot comes first ("am i talking to a human");
// or a verb of talking next to a person ("speak to the manager", Dutch "iemand spreken"), fillers between.
function asksForPerson(segments: readonly Segment[]): boolean {
  let askedWhatBotIs = false;
  for (const [at, segment] of segments.entries()) {
    if (segment.kind === 'botQuestion') askedWhatBotIs = true;
    if (segment.kind === 'humanNoun' && !askedWhatBotIs) return true;
    if (segment.kind === 'contactVerb' && (personNear(segments, at, -1) || personNear(segments, at, 1))) return true;
  }
  return false;
}

function personNear(segments: readonly Segment[], from: number, step: 1 | -1): boolean {
  for (let at = from + step; at >= 0 && at < segments.length; at += step) {
    const kind = segments[at]!.kind;
    if (kind === 'humanNoun' || kind === 'personNoun') return true;
    if (kind !== 'filler' && kind !== 'qualifier') return false;
  }
  return false;
}
