import { type ChildProcess } from 'node:child_process';
import { reindex } from '../../src/index/reindex';
import { jsonLines, spawnCli, waitForExit, type Exit } from './cli-process';
import { BAKERY_CSV } from './fixtures';
import { testEnv } from './server';
import { type TempDir } from './temp-dir';

/** A real `faqbot serve` process on an ephemeral loopback port, with its JSON log lines. */
export interface ServeProcess {
  readonly child: ChildProcess;
  readonly log: ReturnType<typeof jsonLines>;
  /** Base address, e.g. http://127.0.0.1:41234. */
  readonly url: string;
  /** Sends SIGTERM and waits for the exit. */
  stop(timeoutMs?: number): Promise<Exit>;
}

/** Writes the bakery corpus into `dir` and builds its index, as `serve` expects to find them. */
export function prepareBakery(dir: TempDir): void {
  dir.write('corpus/faq.csv', BAKERY_CSV);
  reindex(`${dir.path}/corpus`, `${dir.path}/index.sqlite`);
}

/** Starts `faqbot serve` over the files in `dir` (see testEnv) with LOG_LEVEL=info, and resolves once it listens. */
export async function startServe(dir: TempDir, env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const child = spawnCli(['serve'], testEnv(dir.path, { LOG_LEVEL: 'info', ...env }), dir.path);
  const log = jsonLines(child);
  try {
    const listening = await log.waitFor((line) => typeof line.port === 'number', 20_000);
    return {
      child,
      log,
      url: `http://127.0.0.1:${listening.port as number}`,
      stop(timeoutMs = 10_000) {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        return waitForExit(child, timeoutMs);
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}
