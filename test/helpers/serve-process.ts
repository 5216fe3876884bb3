import { type ChildProcess } from 'node:child_process';
import { reindex } from '../../src/index/reindex';
import { collect, jsonLines, spawnCli, waitForExit, type Exit } from './cli-process';
import { BAKERY_CSV } from './fixtures';
import { testEnv } from './server';
import { type TempDir } from './temp-dir';

/** A real `faqbot serve` child process, listening on an ephemeral loopback port, with its JSON log lines. */
export interface ServeProcess {
  readonly child: ChildProcess;
  /** Its JSON log lines from stdout. */
  readonly log: ReturnType<typeof jsonLines>;
  /** Everything it wrote to stdout so far, as bytes. */
  readonly stdoutBytes: () => number;
  readonly stderr: () => string;
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

/** Starts `faqbot serve` in `dir` (whose index and corpus testEnv points at) and waits for its listening line. */
export async function startServeProcess(dir: string, env: NodeJS.ProcessEnv = {}, args: readonly string[] = []): Promise<ServeProcess> {
  const child = spawnCli(['serve', ...args], testEnv(dir, { LOG_LEVEL: 'info', ...env }), dir);
  let bytes = 0;
  child.stdout!.on('data', (chunk: Buffer) => (bytes += chunk.length));
  const stderr = collect(child.stderr!);
  const log = jsonLines(child);
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`serve exited with ${code} before listening: ${stderr()}`))));
  exited.catch(() => undefined);
  try {
    const listening = await Promise.race([log.waitFor((line) => typeof line.port === 'number', 30_000), exited]);
    return {
      child,
      log,
      stdoutBytes: () => bytes,
      stderr,
      url: `http://127.0.0.1:${listening.port as number}`,
      stop(timeoutMs = 10_000) {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        return waitForExit(child, timeoutMs);
      },
    };
  } catch (error) {
    killIfRunning(child);
    throw error;
  }
}

/** Starts `faqbot serve` over the files in `dir` (see testEnv) with LOG_LEVEL=info, and resolves once it listens. */
export function startServe(dir: TempDir, env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  return startServeProcess(dir.path, env);
}

/** Kills a child that is still running, for afterEach hooks. */
export function killIfRunning(child: ChildProcess | undefined): void {
  if (child !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
