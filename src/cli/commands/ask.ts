import { type Command } from 'commander';
import { type BotReply } from '../../reply/types';
import { openBot } from '../open-bot';
import { settingsFrom, type CommandFlags } from '../settings';

interface AskFlags extends CommandFlags {
  readonly json?: boolean;
}

/** The JSON `ask --json` prints: the decision, then the ranking behind it. */
export function replyToJson(reply: BotReply): object {
  return {
    id: reply.answerId,
    answer: reply.text,
    score: Number(reply.score.toFixed(4)),
    fallback: reply.fallback,
    candidates: reply.candidates.map((c) => ({ id: c.id, score: Number(c.score.toFixed(4)), question: c.question })),
  };
}

/** Formats a reply for a person: the answer, why it was chosen, and the runners-up. */
export function formatReply(reply: BotReply): string {
  const why = reply.fallback === null ? `answer ${reply.answerId}, score ${reply.score.toFixed(3)}` : `fallback rule: ${reply.fallback}, best score ${reply.score.toFixed(3)}`;
  const lines = [reply.text, '', `(${why})`];
  const others = reply.fallback === null ? reply.candidates.slice(1) : reply.candidates;
  if (others.length > 0) {
    lines.push(reply.fallback === null ? 'Runners-up:' : 'Closest answers:');
    for (const c of others) lines.push(`  ${c.score.toFixed(3)}  ${c.id}  "${c.question}"`);
  }
  return lines.join('\n');
}

/** `faqbot ask "text"`: answers one message from the terminal, as the webhook would. */
export function registerAsk(program: Command): void {
  program
    .command('ask')
    .description('answer one message as the bot would, with the score and the runners-up')
    .argument('<text...>', 'the message')
    .option('--db <file>', 'index file (default: FAQBOT_DB or data/faqbot.sqlite)')
    .option('--corpus <dir>', 'corpus to build the index from if it is missing or stale')
    .option('--json', 'print one JSON object: id, answer, score, fallback, candidates')
    .action((words: string[], flags: AskFlags) => {
      const config = settingsFrom(flags);
      const { bot } = openBot(config);
      const reply = bot.reply({ text: words.join(' '), mediaCount: 0 });
      console.log(flags.json ? JSON.stringify(replyToJson(reply)) : formatReply(reply));
    });
}
