import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** The CLI entry point, run from source through tsx so no build is needed. */
const CLI = resolve(__dirname, '../../src/cli/main.ts');

/** Starts `faqbot <args>` as a real child process with exactly `env` (plus PATH), in `cwd`. */
export function spawnCli(args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): ChildProcess {
  return spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), CLI, ...args], {
    cwd,
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** How a child process ended. */
export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Milliseconds from the call to the exit. */
  readonly afterMs: number;
}

/** Resolves when the child exits; rejects after `timeoutMs`, killing it, so a hung child cannot hang the suite. */
export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<Exit> {
  const started = Date.now();
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode, afterMs: 0 });
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child process did not exit within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, afterMs: Date.now() - started });
    });
  });
}

/** Collects a child's JSON log lines from stdout, and resolves the first one that `matches`, within `timeoutMs`. */
export function jsonLines(child: ChildProcess): { lines: Record<string, unknown>[]; waitFor: (matches: (line: Record<string, unknown>) => boolean, timeoutMs: number) => Promise<Record<string, unknown>> } {
  const lines: Record<string, unknown>[] = [];
  const waiters: { matches: (line: Record<string, unknown>) => boolean; resolve: (line: Record<string, unknown>) => void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (text) => {
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      line = { text };
    }
    lines.push(line);
    for (const waiter of waiters.filter((w) => w.matches(line))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  });
  return {
    lines,
    waitFor: (matches, timeoutMs) =>
      new Promise((resolvePromise, reject) => {
        const found = lines.find(matches);
        if (found !== undefined) return resolvePromise(found);
        const timer = setTimeout(() => reject(new Error(`no matching log line within ${timeoutMs} ms; got ${JSON.stringify(lines)}`)), timeoutMs);
        waiters.push({ matches, resolve: (line) => (clearTimeout(timer), resolvePromise(line)) });
      }),
  };
}

/** Collects everything a stream writes, as text. */
export function collect(stream: NodeJS.ReadableStream): () => string {
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  return () => chunks.join('');
}

/** Waits until `check` is true, polling every few ms, failing after `timeoutMs`. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 5));
  }
}
