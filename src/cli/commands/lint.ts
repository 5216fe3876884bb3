import { type Command } from 'commander';
import { loadCorpus } from '../../corpus/load-corpus';
import { formatNotice } from '../../corpus/reading-notice';
import { formatLintReport } from '../../lint/format-lint';
import { lintCorpus } from '../../lint/lint-corpus';
import { indexOptionsFrom, settingsFrom, type CommandFlags } from '../settings';

interface LintFlags extends CommandFlags {
  readonly strict?: boolean;
  readonly json?: boolean;
}

/** `faqbot lint`: what the editor cannot see in the spreadsheet, with file:line, before a reindex. */
export function registerLint(program: Command): void {
  program
    .command('lint')
    .description('check the corpus for duplicate and confusing questions, out-of-scope examples the bot would answer, long answers and ids with one question')
    .option('--corpus <dir>', 'corpus folder (default: CORPUS_DIR or ./corpus)')
    .option('--strict', 'exit with status 1 when there is any warning')
    .option('--json', 'print one JSON object: warnings (file, line, check, message, advice), notices and counts')
    .action((flags: LintFlags) => {
      const config = settingsFrom(flags);
      const corpus = loadCorpus(config.corpusDir);
      const report = lintCorpus(corpus, {
        index: indexOptionsFrom(config),
        match: config.matchThreshold === undefined ? {} : { threshold: config.matchThreshold },
      });
      if (flags.json) {
        console.log(JSON.stringify({ ...report, elapsedMs: Math.round(report.elapsedMs), notices: corpus.notices.map(formatNotice) }));
      } else {
        for (const notice of corpus.notices) console.error(formatNotice(notice));
        console.log(formatLintReport(report));
      }
      if (flags.strict && report.warnings.length > 0) process.exitCode = 1;
    });
}
