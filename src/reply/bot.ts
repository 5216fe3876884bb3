import { type Replies } from '../corpus/replies';
import { type Candidate, type Matcher } from '../match/matcher';
import { detectSmallTalk } from './small-talk';
import { fillTemplate } from './templates';
import { type BotReply, type InboundMessage, type RuleName } from './types';

/** What the bot needs to answer: a matcher, the rule texts and the topics it can talk about. */
export interface BotDependencies {
  readonly matcher: Matcher;
  readonly replies: Replies;
  /** Categories of the corpus, listed by the help reply. */
  readonly topics: readonly string[];
}

/** Answers channel-neutral messages. */
export interface Bot {
  /** Decides the reply to one message. */
  reply(message: InboundMessage): BotReply;
}

/** How many close questions the default reply offers. */
const SUGGESTIONS = 3;

/** Builds a bot: the corpus answer when the match clears the threshold, otherwise the first fallback rule that fits. */
export function createBot({ matcher, replies, topics }: BotDependencies): Bot {
  const rule = (name: RuleName, text: string, candidates: readonly Candidate[] = []): BotReply => ({
    text,
    answerId: null,
    score: candidates[0]?.score ?? 0,
    fallback: name,
    candidates,
  });

  return {
    reply(message) {
      // A shared pin carries no question: answering its address or label as one would be a non sequitur.
      if (message.kind === 'location') return rule('location', replies.location);
      const text = message.text.trim();
      if (text === '') return message.mediaCount > 0 ? rule('media', replies.media) : rule('empty', replies.empty);

      const talk = detectSmallTalk(text);
      // Asking for a person is a command, not a question: no corpus answer should stand in its way.
      if (talk === 'human') return rule('human', replies.human);

      const { best, candidates } = matcher.match(text);
      if (best !== null) return { text: best.answer, answerId: best.id, score: best.score, fallback: null, candidates };

      if (talk === 'help') return rule('help', fillTemplate(replies.help, { topics: topics.join(', ') }), candidates);
      if (talk !== null) return rule(talk, replies[talk], candidates);

      const nearest = candidates[0];
      if (nearest !== undefined && nearest.score >= matcher.options.suggestThreshold) {
        return rule('didYouMean', fillTemplate(replies.didYouMean, { question: nearest.question }), candidates);
      }
      const suggestions = candidates.slice(0, SUGGESTIONS).map((c) => `• ${c.question}`);
      if (suggestions.length === 0) return rule('fallback', replies.fallbackNoSuggestions, candidates);
      return rule('fallback', fillTemplate(replies.fallback, { suggestions: suggestions.join('\n') }), candidates);
    },
  };
}
