import { type Replies } from '../corpus/replies';
import { type Candidate, type Matcher, type MatchResult } from '../match/matcher';
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
}

/** Answers channel-neutral messages. */
export interface Bot {
  /** Decides the reply to one message. */
  reply(message: InboundMessage): BotReply;
}

/** How many close questions the default reply offers. */
const SUGGESTIONS = 3;

/**
 * Builds a bot. In order: an exact corpus question gets its answer; small talk that is the whole message, or a request
 * for a person, gets its rule; then the corpus answer when the match clears the threshold; then small talk beside other
 * words, "did you mean" and the default reply.
 */
export function createBot({ matcher, replies, topics, lexicon, questions }: BotDependencies): Bot {
  const rule = (name: RuleName, text: string, candidates: readonly Candidate[] = []): BotReply => ({
    text,
    answerId: null,
    score: candidates[0]?.score ?? 0,
    fallback: name,
    candidates,
  });
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
        return { text: own.answer, answerId: own.id, score, fallback: null, candidates };
      }
      const talk = readSmallTalk(text, lexicon);
      if (talk !== null && talk.extent !== 'part') return smallTalk(talk.rule, candidates);
      if (best !== null) return { text: best.answer, answerId: best.id, score: best.score, fallback: null, candidates };
      if (talk !== null) return smallTalk(talk.rule, candidates);

      const nearest = candidates[0];
      if (nearest !== undefined && nearest.score >= matcher.options.suggestThreshold) {
        return rule('didYouMean', fillTemplate(replies.didYouMean, { question: withoutEndPunctuation(nearest.question) }), candidates);
      }
      const suggestions = candidates.slice(0, SUGGESTIONS).map((c) => `• ${c.question}`);
      if (suggestions.length === 0) return rule('fallback', replies.fallbackNoSuggestions, candidates);
      return rule('fallback', fillTemplate(replies.fallback, { suggestions: suggestions.join('\n') }), candidates);
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
