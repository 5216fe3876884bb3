import { type Command } from 'commander';
import { statSync } from 'node:fs';
import { loadIndexMeta } from '../../index/load-index';
import { isIndexStale } from '../../index/ensure-index';
import { settingsFrom, type CommandFlags } from '../settings';

/** `faqbot stats`: what the index holds and whether it is older than the corpus. */
export function registerStats(program: Command): void {
  program
    .command('stats')
    .description('show what the index holds and how it was built')
    .option('--db <file>', 'index file (default: FAQBOT_DB or data/faqbot.sqlite)')
    .option('--corpus <dir>', 'corpus folder, to tell whether the index is stale')
    .action((flags: CommandFlags) => {
      const config = settingsFrom(flags);
      const meta = loadIndexMeta(config.dbPath);
      let stale: string;
      try {
        stale = isIndexStale(config.dbPath, config.corpusDir) ? `yes: the corpus in ${config.corpusDir}/ changed after this index was built; run "faqbot reindex"` : 'no';
      } catch {
        stale = `unknown: the corpus folder ${config.corpusDir}/ cannot be read`;
      }
      const rows: [string, string][] = [
        ['index', config.dbPath],
        ['size', `${(statSync(config.dbPath).size / 1024).toFixed(0)} KiB`],
        ['built at', meta.builtAt],
        ['build time', `${meta.buildMs} ms`],
        ['answers', String(meta.answers)],
        ['questions', String(meta.questions)],
        ['terms', String(meta.terms)],
        ['postings', String(meta.postings)],
        ['corpus files', meta.corpusFiles.join(', ')],
        ['corpus hash', meta.corpusHash.slice(0, 16)],
        ['options', JSON.stringify(meta.options)],
        ['stale', stale],
      ];
      for (const [name, value] of rows) console.log(`${name.padEnd(13)} ${value}`);
    });
}
