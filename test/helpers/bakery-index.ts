import { join } from 'node:path';
import { loadIndex } from '../../src/index/load-index';
import { type LoadedIndex } from '../../src/index/loaded-index';
import { reindex } from '../../src/index/reindex';
import { BAKERY_CSV } from './fixtures';
import { makeTempDir } from './temp-dir';

/** Builds the bakery fixture into a real SQLite file and loads it back, as the server would. */
export function loadBakeryIndex(replies?: object): LoadedIndex {
  const dir = makeTempDir();
  try {
    dir.write('corpus/faq.csv', BAKERY_CSV);
    if (replies !== undefined) dir.write('corpus/replies.json', JSON.stringify(replies));
    const db = join(dir.path, 'index.sqlite');
    reindex(join(dir.path, 'corpus'), db);
    return loadIndex(db);
  } finally {
    dir.cleanup();
  }
}
