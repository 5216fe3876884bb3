import { createHash } from 'node:crypto';
import { type Pool } from 'pg';
import { type IndexMeta } from '../index/meta';

/** The channel replicas LISTEN on; the payload is the new version number. */
export const INDEX_CHANNEL = 'faqbot_index';

/** Any fixed number, other than the migrations' lock. */
const PUBLISH_LOCK_KEY = 0x4651_4958;

/** Published versions kept besides the newest, for a replica that is still fetching one when the next lands. */
const KEEP_VERSIONS = 3;

/** A published index version, without its bytes. */
export interface IndexVersion {
  readonly version: number;
  readonly sha256: string;
  readonly corpusHash: string;
  readonly builtAt: string;
}

/** The SHA-256 of an index file's bytes, as published with it. */
export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Publishes the bytes of a built index file as the next version and notifies the replicas, in one transaction: a
 * replica sees the whole row or nothing. Publishers take turns on an advisory lock, so of two reindexes at once the one
 * that publishes later gets the higher number and wins everywhere. Old versions past the last few are deleted.
 */
export async function publishIndex(pool: Pool, bytes: Buffer, meta: Pick<IndexMeta, 'corpusHash' | 'builtAt' | 'answers'>): Promise<IndexVersion> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Publishers queue here, so version numbers follow commit order: the reindex that commits last has the highest.
    await client.query('SELECT pg_advisory_xact_lock($1)', [PUBLISH_LOCK_KEY]);
    const sha256 = sha256Of(bytes);
    const { rows } = await client.query<{ version: string }>(
      'INSERT INTO index_versions (sha256, corpus_hash, built_at, answers, bytes) VALUES ($1, $2, $3, $4, $5) RETURNING version',
      [sha256, meta.corpusHash, meta.builtAt, meta.answers, bytes],
    );
    const version = Number(rows[0]!.version);
    await client.query('SELECT pg_notify($1, $2)', [INDEX_CHANNEL, String(version)]);
    await client.query('DELETE FROM index_versions WHERE version <= $1', [version - 1 - KEEP_VERSIONS]);
    await client.query('COMMIT');
    return { version, sha256, corpusHash: meta.corpusHash, builtAt: meta.builtAt };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The newest published version, or null when none was published. */
export async function latestIndexVersion(pool: Pool): Promise<IndexVersion | null> {
  const { rows } = await pool.query<{ version: string; sha256: string; corpus_hash: string; built_at: string }>(
    'SELECT version, sha256, corpus_hash, built_at FROM index_versions ORDER BY version DESC LIMIT 1',
  );
  const row = rows[0];
  return row === undefined ? null : { version: Number(row.version), sha256: row.sha256, corpusHash: row.corpus_hash, builtAt: row.built_at };
}

/** The bytes of one version, or null when it was deleted meanwhile (a newer one exists then). */
export async function indexBytes(pool: Pool, version: number): Promise<Buffer | null> {
  const { rows } = await pool.query<{ bytes: Buffer }>('SELECT bytes FROM index_versions WHERE version = $1', [version]);
  return rows[0]?.bytes ?? null;
}
