import { type Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { loadIndex } from '../../index/load-index';
import { readLoggedQuestions } from '../../store/read-log';
import { formatUnansweredCsv, summarizeUnanswered } from '../../unanswered/format-unanswered';
import { DEFAULT_SIMILARITY } from '../../unanswered/group-by-meaning';
import { DEFAULT_MARGIN } from '../../unanswered/select-unanswered';
import { buildUnansweredReport } from '../../unanswered/unanswered-report';
import { parseSince } from '../parse-since';
import { settingsFrom, UsageError, type CommandFlags } from '../settings';

interface UnansweredFlags extends CommandFlags {
  readonly since: string;
  readonly minCount: string;
  readonly out?: string;
  readonly log?: string;
  readonly margin: string;
  readonly similarity: string;
}

/** A number flag from 0 to 1, or a UsageError naming the flag. */
function fraction(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) throw new UsageError(`${flag} must be a number from 0 to 1, got "${text}"`);
  return value;
}

/** `faqbot unanswered`: what customers asked that the bot could not answer, grouped by meaning, as CSV for the editor. */
export function registerUnanswered(program: Command): void {
  program
    .command('unanswered')
    .description('list what customers asked that the bot could not answer (fallback, did you mean, low confidence), grouped by meaning, as CSV')
    .option('--since <age>', 'messages received since: an age (7d, 36h, 2w) or a date (2026-11-01)', '7d')
    .option('--min-count <n>', 'leave out groups with fewer messages', '1')
    .option('--out <file>', 'write the CSV to a file instead of stdout')
    .option('--log <file>', 'message log (default: MESSAGE_LOG or data/messages.sqlite); only read, never written')
    .option('--db <file>', 'index whose vectors group the messages and whose answers are the nearest (default: FAQBOT_DB or data/faqbot.sqlite)')
    .option('--margin <confidence>', 'answers given below this confidence are listed too', String(DEFAULT_MARGIN))
    .option('--similarity <cosine>', 'how alike two messages must be to share a group (lower: fewer, larger groups)', String(DEFAULT_SIMILARITY))
    .action((flags: UnansweredFlags) => {
      const since = parseSince(flags.since);
      const minCount = Number(flags.minCount);
      if (!Number.isInteger(minCount) || minCount < 1) throw new UsageError(`--min-count must be a whole number of at least 1, got "${flags.minCount}"`);
      const margin = fraction('--margin', flags.margin);
      const similarity = fraction('--similarity', flags.similarity);
      const config = settingsFrom(flags);
      const index = loadIndex(config.dbPath);
      const messages = readLoggedQuestions(flags.log ?? config.messageLogPath, since);
      const report = buildUnansweredReport(messages, index, {
        margin,
        minCount,
        similarity,
        match: config.matchThreshold === undefined ? {} : { threshold: config.matchThreshold },
      });
      const csv = formatUnansweredCsv(report.rows);
      if (flags.out === undefined) process.stdout.write(csv);
      // Customers' own words: readable by the owner only, like the message log.
      else writeFileSync(flags.out, csv, { mode: 0o600 });
      console.error(summarizeUnanswered(report, since, flags.out ?? 'stdout'));
    });
}
