import { type Command } from 'commander';
import { createInterface } from 'node:readline/promises';
import { openBot } from '../open-bot';
import { settingsFrom, type CommandFlags } from '../settings';

/** `faqbot chat`: a conversation in the terminal, showing why each answer was chosen. */
export function registerChat(program: Command): void {
  program
    .command('chat')
    .description('talk to the bot in the terminal (Ctrl-D or /quit to leave)')
    .option('--db <file>', 'index file (default: FAQBOT_DB or data/faqbot.sqlite)')
    .option('--corpus <dir>', 'corpus to build the index from if it is missing or stale')
    .action(async (flags: CommandFlags) => {
      const config = settingsFrom(flags);
      const { index, bot } = openBot(config);
      const terminal = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
      console.log(`faqbot: ${index.meta.answers} answers loaded. Type a question; /quit to leave.`);
      terminal.setPrompt('you> ');
      terminal.prompt();
      for await (const line of terminal) {
        if (line.trim() === '/quit') break;
        const reply = bot.reply({ text: line, mediaCount: 0 });
        const why = reply.fallback === null ? `${reply.answerId} ${reply.score.toFixed(2)}` : `${reply.fallback} ${reply.score.toFixed(2)}`;
        console.log(`bot> ${reply.text}\n     [${why}]`);
        terminal.prompt();
      }
      terminal.close();
    });
}
