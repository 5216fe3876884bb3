import { type CorpusError } from '../corpus/corpus-error';
import { type IndexMeta } from '../index/meta';

/** What a terminal command says when it answers from the last good index because the corpus has errors. */
export function lastGoodIndexNotice(error: CorpusError, lastGood: IndexMeta, dbPath: string): string {
  return `faqbot: ${error.message}\nfaqbot: until then, answering from the last good index ${dbPath} (built ${lastGood.builtAt}); the corpus changes since are not in it.`;
}
