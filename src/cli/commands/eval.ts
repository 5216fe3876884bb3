import { type Command } from 'commander';
import { statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadCorpus } from '../../corpus/load-corpus';
import { formatErrorsCsv } from '../../eval/error-rows';
import { labeledToCorpus } from '../../eval/labeled-corpus';
import { readLabeledCsv } from '../../eval/labeled-csv';
import { formatEval } from '../../eval/format-eval';
import { runEval } from '../../eval/run-eval';
import { UsageError } from '../settings';

interface EvalFlags {
  readonly train?: string;
  readonly corpus?: string;
  readonly tune?: string;
  readonly test: string;
  readonly json?: boolean;
  readonly errors?: string;
  readonly choiceRatio?: string;
}

function parseRatios(text: string): number[] {
  const ratios = text.split(',').map((part) => Number(part.trim()));
  if (ratios.some((r) => !Number.isFinite(r) || r <= 0 || r > 1)) throw new UsageError(`--choice-ratio takes numbers above 0 and at most 1, separated by commas; got "${text}"`);
  return ratios;
}

/** Refuses a --train, --tune or --test path that is not a file, before any work, naming the flag. */
function checkFileFlag(flag: string, path: string | undefined): void {
  if (path === undefined) return;
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) throw new UsageError(`${flag} ${path}: no such file; give a labeled CSV file (text,label), e.g. test/fixtures/sample-messages.csv`);
  if (!stat.isFile()) throw new UsageError(`${flag} ${path}: is not a file; give a labeled CSV file (text,label)`);
}

/** `faqbot eval`: measures answer quality on labeled messages, as the public benchmarks do. */
export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('measure answer quality: build an index from --train (or --corpus), pick the threshold on --tune, report on --test')
    .option('--train <file>', 'labeled CSV (text,label) to build the index from')
    .option('--corpus <dir>', 'a corpus folder to build the index from, instead of --train')
    .option('--tune <file>', 'labeled CSV to choose the threshold on (default: the shipped threshold)')
    .requiredOption('--test <file>', 'labeled CSV to report on; an empty label means the bot should fall back')
    .option('--errors <file>', 'write every wrong test row to a CSV file: text, expected, predicted (empty: fell back), confidence, rank of the expected answer')
    .option('--choice-ratio <ratios>', 'numbered-choices rule: share of the best score at which another answer counts as equally likely; several separated by commas')
    .option('--json', 'print one JSON object: inScopeAccuracy, oosRecall, oosPrecision, accuracy, threshold, buildMs, queryP50Ms, queryP99Ms, n')
    .action((flags: EvalFlags) => {
      if ((flags.train === undefined) === (flags.corpus === undefined)) throw new UsageError('eval needs exactly one of --train FILE or --corpus DIR');
      checkFileFlag('--train', flags.train);
      checkFileFlag('--tune', flags.tune);
      checkFileFlag('--test', flags.test);
      const train = flags.train !== undefined ? labeledToCorpus(readLabeledCsv(flags.train), basename(flags.train)) : loadCorpus(flags.corpus!);
      const result = runEval({
        train,
        test: readLabeledCsv(flags.test),
        ...(flags.choiceRatio === undefined ? {} : { choiceRatios: parseRatios(flags.choiceRatio) }),
        ...(flags.tune === undefined ? {} : { tune: readLabeledCsv(flags.tune) }),
      });
      if (flags.errors !== undefined) writeFileSync(flags.errors, formatErrorsCsv(result.errors));
      console.log(flags.json ? JSON.stringify(result.report) : formatEval(result));
    });
}
