import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A fresh temporary folder, removed by `cleanup`. */
export interface TempDir {
  readonly path: string;
  /** Writes a file inside the folder, making sub-folders as needed, and returns its path. */
  write(name: string, content: string | Uint8Array): string;
  cleanup(): void;
}

/** Makes a temporary folder for one test's corpus and index files. */
export function makeTempDir(prefix = 'faqbot-test-'): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    write(name, content) {
      const file = join(path, name);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
      return file;
    },
    cleanup() {
      rmSync(path, { recursive: true, force: true });
    },
  };
}
