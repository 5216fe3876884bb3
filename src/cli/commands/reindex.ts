import { type Command } from 'commander';
import { loadCorpus } from '../../corpus/load-corpus';
import { formatNotice } from '../../corpus/reading-notice';
import { type IndexMeta } from '../../index/meta';
import { buildIndexFile } from '../../index/reindex';
import { describeUrl } from '../../postgres/shared-database';
import { publishIndexFile } from '../../postgres/publish-index-file';
import { buildProgressBar } from '../progress';
import { indexOptionsFrom, settingsFrom, type CommandFlags } from '../settings';
import { buildSummary } from '../summary';

/** `faqbot reindex`: validates the corpus and builds a new index file, swapped in atomically. */
export function registerReindex(program: Command): void {
  program
    .command('reindex')
    .description('validate the corpus CSV files and build the SQLite index from them (and publish it to DATABASE_URL when set)')
    .option('--corpus <dir>', 'corpus folder (default: CORPUS_DIR or ./corpus)')
    .option('--db <file>', 'index file to write (default: FAQBOT_DB or data/faqbot.sqlite)')
    .action(async (flags: CommandFlags) => {
      const config = settingsFrom(flags);
      const corpus = loadCorpus(config.corpusDir);
      // How each file not in plain UTF-8 with commas was read, so a wrong guess is never silent.
      for (const notice of corpus.notices) console.error(formatNotice(notice));
      const progress = buildProgressBar();
      let meta: IndexMeta;
      try {
        meta = buildIndexFile(corpus, config.dbPath, indexOptionsFrom(config), progress.onProgress);
      } finally {
        progress.stop();
      }
      console.log(buildSummary(meta, config.dbPath));
      if (config.databaseUrl !== undefined) {
        // Every replica on this database fetches it within seconds; none needs this corpus folder.
        const published = await publishIndexFile(config.databaseUrl, config.dbPath, meta);
        console.log(`Published as index version ${published.version} to ${describeUrl(config.databaseUrl)}; replicas swap it in within seconds.`);
      }
    });
}
