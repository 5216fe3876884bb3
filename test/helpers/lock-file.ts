import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A lock on an SQLite file held by another process, as an operator's long DELETE or a backup would. */
export interface HeldLock {
  /** Commits and ends the other process; resolves when it has exited. */
  release(): Promise<void>;
}

/** Safety net: the locking process ends by itself after this long, should a test never release it. */
const MAX_HOLD_MS = 60_000;

/**
 * Starts a separate Node process that opens the database at `path` and holds `BEGIN <mode>` until released; resolves once
 * the lock is taken. In WAL mode both IMMEDIATE and EXCLUSIVE block writers and let readers through.
 */
export async function holdLock(path: string, mode: 'IMMEDIATE' | 'EXCLUSIVE' = 'EXCLUSIVE'): Promise<HeldLock> {
  const script = `
    const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
    const db = new Database(${JSON.stringify(path)}, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    db.exec('BEGIN ${mode}');
    console.log('locked');
    const end = () => { db.exec('COMMIT'); db.close(); process.exit(0); };
    process.stdin.on('data', end);
    setTimeout(end, ${MAX_HOLD_MS});
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => (line === 'locked' ? resolve() : reject(new Error(`locker said ${line}`))));
    child.once('exit', (code) => reject(new Error(`the locking process exited with ${code} before taking the lock`)));
  });
  return {
    async release() {
      if (child.exitCode === null) child.stdin!.write('release\n');
      await exited;
    },
  };
}
