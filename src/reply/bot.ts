import { type Replies } from '../corpus/replies';
import { type Candidate, type Matcher, type MatchResult } from '../match/matcher';
import { chooseCandidates, DEFAULT_CHOICE_RATIO, type ChoiceReason } from './ambiguity';
import { formatChoices, type Choice } from './choice-list';
import { expandShorthand, type Lexicon } from './lexicon';
import { questionKey } from './question-key';
import { readSmallTalk, type SmallTalk } from './small-talk';
import { fillTemplate, withoutEndPunctuation } from './templates';
import { type BotReply, type InboundMessage, type RuleName } from './types';

/** A corpus answer as the bot gives it when a message is exactly one of its questions. */
export interface CorpusAnswer {
  readonly id: string;
  readonly answer: string;
}

/** What the bot needs to answer: a matcher, the rule texts and vocabulary, and the corpus questions. */
export interface BotDependencies {
  readonly matcher: Matcher;
  readonly replies: Replies;
  /** Categories of the corpus, listed by the help reply. */
  readonly topics: readonly string[];
  /** The rule vocabulary of the corpus language. */
  readonly lexicon: Lexicon;
  /** Every corpus question, by {@link questionKey}, to its answer: an editor overrides a rule by writing its phrase as a question. */
  readonly questions: ReadonlyMap<string, CorpusAnswer>;
  /** Every answer by corpus id, with the question shown for it and its follow-ups: for choices picked by number. Default none. */
  readonly answers?: ReadonlyMap<string, AnswerEntry>;
  /** Share of the best score at which another answer counts as about equally likely (see chooseCandidates). Default DEFAULT_CHOICE_RATIO. */
  readonly choiceRatio?: number;
}

/** One answer as the bot gives it by id: its text, the question that stands for it in a choice, its follow-ups' ids. */
export interface AnswerEntry {
  readonly answer: string;
  readonly question: string;
  readonly followups: readonly string[];
}

/** Answers channel-neutral messages. */
export interface Bot {
  /** Decides the reply to one message. */
  reply(message: InboundMessage): BotReply;
  /** The reply giving the answer with this corpus id (a numbered choice picked), with its follow-ups; null for an unknown id. */
  answer(id: string): BotReply | null;
}

/** How many close questions the default reply offers. */
const SUGGESTIONS = 3;

/**
 * Builds a bot. In order: an exact corpus question gets its answer; small talk that is the whole message, or a request
 * for a person, gets its rule; then the corpus answer when the match clears the threshold; then small talk beside other
 * words, "did you mean" and the default reply.
 */
export function createBot({ matcher, replies, topics, lexicon, questions, answers = new Map(), choiceRatio = DEFAULT_CHOICE_RATIO }: BotDependencies): Bot {
  const rule = (name: RuleName, text: string, candidates: readonly Candidate[] = []): BotReply => ({
    text,
    answerId: null,
    score: candidates[0]?.score ?? 0,
    fallback: name,
    candidates,
  });
  // An answer with follow-ups offers them by number after it; ids that are not (or no longer) in the index are left out.
  const corpusAnswer = (id: string, text: string, score: number, candidates: readonly Candidate[]): BotReply => {
    const followups: Choice[] = (answers.get(id)?.followups ?? []).flatMap((next) => {
      const entry = answers.get(next);
      return entry === undefined || next === id ? [] : [{ id: next, question: entry.question }];
    });
    const base = { text, answerId: id, score, fallback: null, candidates };
    if (followups.length === 0) return base;
    return { ...base, choices: followups, choicesText: fillTemplate(replies.followups, { choices: formatChoices(followups) }) };
  };
  const offer = (reason: ChoiceReason, offered: readonly Candidate[], candidates: readonly Candidate[]): BotReply => {
    const choices = offered.map((c): Choice => ({ id: c.id, question: c.question }));
    const template = reason === 'tie' ? replies.choices : replies.didYouMean;
    const text = fillTemplate(template, { choices: formatChoices(choices), question: withoutEndPunctuation(choices[0]!.question) });
    return { ...rule(reason === 'tie' ? 'choices' : 'didYouMean', text, candidates), choices };
  };
  const smallTalk = (name: SmallTalk, candidates: readonly Candidate[]): BotReply =>
    rule(name, name === 'help' ? fillTemplate(replies.help, { topics: topics.join(', ') }) : replies[name], candidates);

  return {
    reply(message) {
      // A shared pin carries no question: answering its address or label as one would be a non sequitur.
      if (message.kind === 'location') return rule('location', replies.location);
      const text = message.text.trim();
      if (text === '') return message.mediaCount > 0 ? rule('media', replies.media) : rule('empty', replies.empty);

      // Rules answer without the matcher, but the ranking still shows an editor what a rule won over.
      const { best, candidates } = matchBestReading(matcher, text, lexicon);
      const own = questions.get(questionKey(text));
      if (own !== undefined) {
        const score = candidates.find((c) => c.id === own.id)?.score ?? 0;
        return corpusAnswer(own.id, own.answer, score, candidates);
      }
      const talk = readSmallTalk(text, lexicon);
      if (talk !== null && talk.extent !== 'part') return smallTalk(talk.rule, candidates);
      const { threshold, suggestThreshold } = matcher.options;
      const unsure = chooseCandidates(candidates, { threshold, suggestThreshold, ratio: choiceRatio });
      if (best !== null && unsure === null) return corpusAnswer(best.id, best.answer, best.score, candidates);
      if (talk !== null) return smallTalk(talk.rule, candidates);
      if (unsure !== null) return offer(unsure.reason, unsure.offered, candidates);

      const suggestions = candidates.slice(0, SUGGESTIONS).map((c) => `• ${c.question}`);
      if (suggestions.length === 0) return rule('fallback', replies.fallbackNoSuggestions, candidates);
      return rule('fallback', fillTemplate(replies.fallback, { suggestions: suggestions.join('\n') }), candidates);
    },
    answer(id) {
      const entry = answers.get(id);
      // The customer chose this answer: no match score stands behind it, and it is as sure as an answer gets.
      return entry === undefined ? null : corpusAnswer(id, entry.answer, 1, []);
    },
  };
}

// Chat shorthand ("whr r u") is matched both as written, which corpus questions sometimes share, and spelled out;
// the more confident reading wins.
function matchBestReading(matcher: Matcher, text: string, lexicon: Lexicon): MatchResult {
  const asWritten = matcher.match(text);
  const spelledOut = expandShorthand(text, lexicon);
  if (spelledOut === null) return asWritten;
  const expanded = matcher.match(spelledOut);
  return (expanded.candidates[0]?.score ?? 0) > (asWritten.candidates[0]?.score ?? 0) ? expanded : asWritten;
}
