import { resolve } from 'node:path';
import { DEFAULT_INDEX_PATH, readConfig, type Config } from '../config/config';
import { loadEnvFile } from '../config/load-env-file';
import { type IndexOptionsInput } from '../index/options';
import { checkIndexIsNotMessageLog } from '../server/separate-files';

/** Command-line flags that override the environment. */
export interface CommandFlags {
  readonly db?: string;
  readonly corpus?: string;
  readonly port?: string;
}

/** Reads `.env` and the environment, then lets command-line flags win. */
export function settingsFrom(flags: CommandFlags): Config {
  loadEnvFile();
  const config = readConfig();
  const merged = {
    ...config,
    dbPath: flags.db ?? config.dbPath,
    corpusDir: flags.corpus ?? config.corpusDir,
    port: flags.port === undefined ? config.port : parsePort(flags.port),
  };
  checkIndexIsNotMessageLog(merged.dbPath, merged.messageLogPath);
  return merged;
}

/** True when the index path is the default one, the only place ask and chat build an index by themselves (a fresh clone). */
export function isDefaultIndexPath(config: Config): boolean {
  return resolve(config.dbPath) === resolve(DEFAULT_INDEX_PATH);
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, got "${text}"`);
  return port;
}

/** The index options the settings ask for: the corpus language and stop-word choice. */
export function indexOptionsFrom(config: Config): IndexOptionsInput {
  return { text: { language: config.language, removeStopWords: config.removeStopWords } };
}

/** The command line itself is wrong; exits with status 2 like other Unix tools. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
