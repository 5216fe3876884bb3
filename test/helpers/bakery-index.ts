import { join } from 'node:path';
import { loadIndex } from '../../src/index/load-index';
import { type LoadedIndex } from '../../src/index/loaded-index';
import { type IndexOptionsInput } from '../../src/index/options';
import { reindex } from '../../src/index/reindex';
import { BAKERY_CSV } from './fixtures';
import { makeTempDir } from './temp-dir';

/** Builds a one-file corpus (and its replies.json, if given) into a real SQLite file and loads it back, as the server would. */
export function loadCsvIndex(csv: string, replies?: object, options?: IndexOptionsInput): LoadedIndex {
  const dir = makeTempDir();
  try {
    dir.write('corpus/faq.csv', csv);
    if (replies !== undefined) dir.write('corpus/replies.json', JSON.stringify(replies));
    const db = join(dir.path, 'index.sqlite');
    reindex(join(dir.path, 'corpus'), db, options);
    return loadIndex(db);
  } finally {
    dir.cleanup();
  }
}

/** Builds the bakery fixture into a real SQLite file and loads it back, as the server would. */
export function loadBakeryIndex(replies?: object): LoadedIndex {
  return loadCsvIndex(BAKERY_CSV, replies);
}
