import { statSync } from 'node:fs';

/** Inode, size and modification time of a file, or null if it is missing: a new file renamed into place always changes it. */
export function fileIdentity(path: string): string | null {
  try {
    const stat = statSync(path, { bigint: true });
    return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}`;
  } catch {
    return null;
  }
}
