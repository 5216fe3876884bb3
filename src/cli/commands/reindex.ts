import { type Command } from 'commander';
import { type IndexMeta } from '../../index/meta';
import { reindex } from '../../index/reindex';
import { buildProgressBar } from '../progress';
import { indexOptionsFrom, settingsFrom, type CommandFlags } from '../settings';
import { buildSummary } from '../summary';

/** `faqbot reindex`: validates the corpus and builds a new index file, swapped in atomically. */
export function registerReindex(program: Command): void {
  program
    .command('reindex')
    .description('validate the corpus CSV files and build the SQLite index from them')
    .option('--corpus <dir>', 'corpus folder (default: CORPUS_DIR or ./corpus)')
    .option('--db <file>', 'index file to write (default: FAQBOT_DB or data/faqbot.sqlite)')
    .action((flags: CommandFlags) => {
      const config = settingsFrom(flags);
      const progress = buildProgressBar();
      let meta: IndexMeta;
      try {
        meta = reindex(config.corpusDir, config.dbPath, indexOptionsFrom(config), progress.onProgress);
      } finally {
        progress.stop();
      }
      console.log(buildSummary(meta, config.dbPath));
    });
}
