import { type ChildProcess } from 'node:child_process';
import { collect, jsonLines, spawnCli } from './cli-process';
import { testEnv } from './server';

/** A real `faqbot serve` child process, listening on an ephemeral loopback port. */
export interface ServeProcess {
  readonly child: ChildProcess;
  /** Its JSON log lines from stdout. */
  readonly log: ReturnType<typeof jsonLines>;
  /** Everything it wrote to stdout so far, as bytes. */
  readonly stdoutBytes: () => number;
  readonly stderr: () => string;
  /** http://127.0.0.1:PORT */
  readonly url: string;
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
  const listening = await Promise.race([log.waitFor((line) => typeof line.port === 'number', 30_000), exited]);
  return { child, log, stdoutBytes: () => bytes, stderr, url: `http://127.0.0.1:${listening.port as number}` };
}

/** Kills a child that is still running, for afterEach hooks. */
export function killIfRunning(child: ChildProcess | undefined): void {
  if (child !== undefined && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
