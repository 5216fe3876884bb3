#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/config';
import { CorpusError } from '../corpus/corpus-error';
import { IndexError } from '../index/index-error';
import { SharedDatabaseError } from '../postgres/shared-database-error';
import { MessageLogError } from '../store/message-log-error';
import { registerAsk } from './commands/ask';
import { registerChat } from './commands/chat';
import { registerEval } from './commands/eval';
import { registerForget } from './commands/forget';
import { registerHandoffs } from './commands/handoffs';
import { registerLint } from './commands/lint';
import { registerMigrateLog } from './commands/migrate-log';
import { registerReindex } from './commands/reindex';
import { registerResume } from './commands/resume';
import { registerServe } from './commands/serve';
import { registerStats } from './commands/stats';
import { registerUnanswered } from './commands/unanswered';
import { PortInUseError } from './port-in-use';
import { UsageError } from './settings';

/** Builds the `faqbot` command line with every command registered. */
export function buildProgram(): Command {
  const program = new Command('faqbot').description('A WhatsApp FAQ chatbot: CSV corpus -> SQLite TF-IDF index -> Twilio webhook').exitOverride();
  registerServe(program);
  registerReindex(program);
  registerAsk(program);
  registerChat(program);
  registerStats(program);
  registerEval(program);
  registerForget(program);
  registerLint(program);
  registerUnanswered(program);
  registerMigrateLog(program);
  registerResume(program);
  registerHandoffs(program);
  return program;
}

/** Errors a user can fix from the message alone: shown without a stack trace. */
function isExpected(error: unknown): error is Error {
  return error instanceof CorpusError || error instanceof IndexError || error instanceof ConfigError || error instanceof UsageError || error instanceof MessageLogError || error instanceof PortInUseError || error instanceof SharedDatabaseError;
}

async function main(): Promise<void> {
  try {
    await buildProgram().parseAsync(process.argv);
  } catch (error) {
    // Commander has printed its message; a wrong command line exits 2 like other Unix tools, --help and --version 0.
    if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
    if (isExpected(error)) {
      console.error(`faqbot: ${error.message}`);
      process.exit(error instanceof UsageError ? 2 : 1);
    }
    throw error;
  }
}

void main();
