import { type Command } from 'commander';
import { basename } from 'node:path';
import { loadCorpus } from '../../corpus/load-corpus';
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
    .option('--json', 'print one JSON object: inScopeAccuracy, oosRecall, oosPrecision, accuracy, threshold, buildMs, queryP50Ms, queryP99Ms, n')
    .action((flags: EvalFlags) => {
      if ((flags.train === undefined) === (flags.corpus === undefined)) throw new UsageError('eval needs exactly one of --train FILE or --corpus DIR');
      const train = flags.train !== undefined ? labeledToCorpus(readLabeledCsv(flags.train), basename(flags.train)) : loadCorpus(flags.corpus!);
      const result = runEval({
        train,
        test: readLabeledCsv(flags.test),
        ...(flags.tune === undefined ? {} : { tune: readLabeledCsv(flags.tune) }),
      });
      console.log(flags.json ? JSON.stringify(result.report) : formatEval(result));
    });
}
