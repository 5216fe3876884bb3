import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Client } from 'pg';
import { loadIndexMeta } from '../index/load-index';
import { type Logger } from '../log/logger';
import { INDEX_CHANNEL, indexBytes, latestIndexVersion, sha256Of, type IndexVersion } from './index-versions';
import { type SharedDatabase } from './shared-database';

/** What a replica remembers beside its local copy: which published version the file at the index path is. */
export interface PublishedCopy {
  readonly version: number;
  readonly sha256: string;
}

/** How a replica follows the published index. */
export interface IndexFollowerOptions {
  readonly db: SharedDatabase;
  /** DATABASE_URL, for the connection that LISTENs. */
  readonly url: string;
  /** The local index file (FAQBOT_DB): each new version is written there by rename, where the hot index picks it up. */
  readonly path: string;
  /** How often the newest version is looked up besides notifications. */
  readonly pollMs: number;
  readonly logger: Logger;
  /** Told after a new version was renamed into place (the server swaps it in at once). */
  readonly onWritten?: (version: IndexVersion) => void;
}

/** A replica's link to the published index. */
export interface IndexFollower {
  /** Fetches the newest version if it is newer than the local copy; resolves to the version the local copy now is, or null. */
  sync(): Promise<PublishedCopy | null>;
  /** The published version the local file holds, or null when it holds none (built locally, or nothing published). */
  readonly copy: PublishedCopy | null;
  /** Starts listening and polling. */
  start(): void;
  stop(): Promise<void>;
}

/** The file beside the index that names the published version it holds. */
export function copyMarkerPath(path: string): string {
  return `${path}.published.json`;
}

/** The published version the local index file holds, if the marker says so and the file's bytes still match it. */
export function readPublishedCopy(path: string): PublishedCopy | null {
  try {
    const marker = JSON.parse(readFileSync(copyMarkerPath(path), 'utf8')) as Partial<PublishedCopy>;
    if (typeof marker.version !== 'number' || typeof marker.sha256 !== 'string') return null;
    return sha256Of(readFileSync(path)) === marker.sha256 ? { version: marker.version, sha256: marker.sha256 } : null;
  } catch {
    return null;
  }
}

/**
 * Keeps the local index file at the newest published version: a notification on INDEX_CHANNEL (LISTEN on a connection of
 * its own, reconnected when it drops) or the poll triggers a look; a newer version's bytes are checked against their
 * SHA-256 and the index schema, written beside the file and renamed over it, so the file is always one whole version.
 * Checks never overlap, and a version older than the one held is never written: the highest version wins.
 */
export function followPublishedIndex({ db, url, path, pollMs, logger, onWritten }: IndexFollowerOptions): IndexFollower {
  let copy = readPublishedCopy(path);
  let rejected = 0;
  let running: Promise<PublishedCopy | null> | null = null;
  let again = false;
  let stopped = false;
  let listener: Client | null = null;
  let poll: NodeJS.Timeout | null = null;
  let reconnect: NodeJS.Timeout | null = null;

  async function fetchNewer(): Promise<void> {
    const latest = await db.run('looking up the published index', latestIndexVersion);
    if (latest === null || (copy !== null && latest.version <= copy.version) || latest.version === rejected) return;
    if (copy === null && readPublishedCopy(path)?.sha256 === latest.sha256) {
      copy = { version: latest.version, sha256: latest.sha256 };
      return;
    }
    const bytes = await db.run('fetching the published index', (pool) => indexBytes(pool, latest.version));
    if (bytes === null) return void (again = true);
    if (sha256Of(bytes) !== latest.sha256) {
      rejected = latest.version;
      logger.error({ version: latest.version }, 'the published index does not match its SHA-256; still serving the previous index. Run "faqbot reindex" again.');
      return;
    }
    const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, bytes);
    try {
      loadIndexMeta(temporary);
    } catch (error) {
      rmSync(temporary, { force: true });
      rejected = latest.version;
      logger.error({ version: latest.version, err: error }, 'the published index cannot be served by this faqbot; still serving the previous index');
      return;
    }
    renameSync(temporary, path);
    copy = { version: latest.version, sha256: latest.sha256 };
    writeFileSync(copyMarkerPath(path), JSON.stringify(copy));
    logger.info({ version: latest.version, corpusHash: latest.corpusHash, builtAt: latest.builtAt, db: path }, 'fetched a newly published index');
    onWritten?.(latest);
  }

  const sync = (): Promise<PublishedCopy | null> => {
    if (running !== null) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        if (!db.available) break;
        try {
          await fetchNewer();
        } catch (error) {
          // An outage is logged by SharedDatabase; a file that cannot be written is this replica's own problem.
          if (db.available) logger.error({ err: error, db: path }, 'could not fetch the published index; still serving the previous index');
          break;
        }
      } while (again && !stopped);
      running = null;
      return copy;
    })();
    return running;
  };

  async function listen(): Promise<void> {
    if (stopped) return;
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    listener = client;
    const retry = (): void => {
      if (listener === client) listener = null;
      client.end().catch(() => undefined);
      if (stopped || reconnect !== null) return;
      reconnect = setTimeout(() => {
        reconnect = null;
        void listen();
      }, pollMs);
      reconnect.unref();
    };
    client.on('error', retry);
    client.on('end', retry);
    client.on('notification', () => void sync());
    try {
      await client.connect();
      await client.query(`LISTEN ${INDEX_CHANNEL}`);
      // A version published while no one listened is fetched now.
      void sync();
    } catch {
      retry();
    }
  }

  return {
    sync,
    get copy() {
      return copy;
    },
    start() {
      void listen();
      poll = setInterval(() => void sync(), pollMs);
      poll.unref();
      db.onRecovered(() => void sync());
    },
    async stop() {
      stopped = true;
      if (poll !== null) clearInterval(poll);
      if (reconnect !== null) clearTimeout(reconnect);
      const client = listener;
      listener = null;
      await client?.end().catch(() => undefined);
      await running;
    },
  };
}
