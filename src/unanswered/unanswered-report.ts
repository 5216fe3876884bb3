import { type LoadedIndex } from '../index/loaded-index';
import { createMatcher } from '../match/matcher';
import { type MatchOptions } from '../match/options';
import { createBotFromIndex } from '../reply/bot-from-index';
import { type LoggedQuestion } from '../store/read-log';
import { groupByMeaning } from './group-by-meaning';
import { messageVectorizer } from './message-vectors';
import { redactNumbers } from './redact-numbers';
import { DEFAULT_MARGIN, unansweredReason, type UnansweredReason } from './select-unanswered';

/** One group of messages the bot could not answer well, as the editor gets it. */
export interface UnansweredRow {
  /** The group's most typical message. */
  readonly question: string;
  readonly count: number;
  /** A few of the group's other messages, most frequent first. */
  readonly examples: readonly string[];
  /** The corpus answer closest to `question`, and its confidence; null when nothing in the corpus shares a feature with it. */
  readonly nearestId: string | null;
  readonly nearestScore: number | null;
}

/** The rows, and the counts the summary line tells. */
export interface UnansweredReport {
  readonly rows: readonly UnansweredRow[];
  /** Messages with text read from the log. */
  readonly read: number;
  /** Of those, how many were not answered well, by reason. */
  readonly reasons: Readonly<Record<UnansweredReason, number>>;
  /** Of those, how many the index answers confidently now (the editor has added them since): left out of the rows. */
  readonly answeredNow: number;
  /** Groups found, before --min-count. */
  readonly groups: number;
}

/** How the report is made. */
export interface ReportOptions {
  /** Answers below this confidence count as unsure. Default DEFAULT_MARGIN. */
  readonly margin: number;
  /** Groups with fewer messages are left out. Default 1. */
  readonly minCount: number;
  /** Lowest cosine to join a group (see groupByMeaning). */
  readonly similarity?: number;
  /** Other messages listed per group. Default 3. */
  readonly examples: number;
  readonly match?: Partial<MatchOptions>;
}

/**
 * From logged messages, the ones the bot fell back on, offered "did you mean" for, or answered below the margin, grouped
 * by meaning over the index's own vectors, most frequent first, each with the closest corpus answer. A message the index
 * now answers confidently (added to the corpus since) is left out, so the report shrinks as the editor works through it.
 * Phone numbers typed in the messages are redacted before anything else.
 */
export function buildUnansweredReport(messages: readonly LoggedQuestion[], index: LoadedIndex, options: Partial<ReportOptions> = {}): UnansweredReport {
  const { margin = DEFAULT_MARGIN, minCount = 1, similarity, examples = 3, match = {} } = options;
  const reasons: Record<UnansweredReason, number> = { fallback: 0, didYouMean: 0, unsure: 0 };
  const bot = createBotFromIndex(index, match);
  let answeredNow = 0;
  const answersNow = new Map<string, boolean>();
  const texts: string[] = [];
  for (const message of messages) {
    const reason = unansweredReason(message, { margin });
    if (reason === null) continue;
    reasons[reason]++;
    // Customers repeat themselves: each distinct text is asked of the index once.
    let now = answersNow.get(message.body);
    if (now === undefined) answersNow.set(message.body, (now = unansweredReason(bot.reply({ text: message.body, mediaCount: 0 }), { margin }) === null));
    if (now) {
      answeredNow++;
      continue;
    }
    texts.push(redactNumbers(message.body));
  }
  const groups = groupByMeaning(texts, messageVectorizer(index, texts), similarity === undefined ? {} : { similarity });
  const matcher = createMatcher(index, match);
  const rows = groups
    .filter((group) => group.count >= minCount)
    .map((group): UnansweredRow => {
      const nearest = matcher.match(group.typical).candidates[0];
      return { question: group.typical, count: group.count, examples: group.others.slice(0, examples), nearestId: nearest?.id ?? null, nearestScore: nearest?.score ?? null };
    });
  return { rows, read: messages.length, reasons, answeredNow, groups: groups.length };
}
