import { readFileSync } from 'node:fs';
import { Pool } from 'pg';
import { type IndexMeta } from '../index/meta';
import { publishIndex, type IndexVersion } from './index-versions';
import { migrate } from './migrations';
import { describeUrl } from './shared-database';
import { SharedDatabaseError } from './shared-database-error';

/**
 * Publishes the index file at `path` (just built by reindex) to the database at `url`, for every replica to fetch:
 * migrates the schema if needed, stores the file's bytes as the next version and notifies the replicas.
 */
export async function publishIndexFile(url: string, path: string, meta: Pick<IndexMeta, 'corpusHash' | 'builtAt' | 'answers'>): Promise<IndexVersion> {
  const pool = new Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 10_000 });
  try {
    await migrate(pool);
    return await publishIndex(pool, readFileSync(path), meta);
  } catch (error) {
    throw new SharedDatabaseError(`could not publish the index to ${describeUrl(url)}`, error, `The index file ${path} was built; run "faqbot reindex" again when the database is reachable`);
  } finally {
    await pool.end().catch(() => undefined);
  }
}
