import { UsageError } from './settings';

const UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** Reads `--since`: an age such as `36h`, `7d` or `2w`, or a date `2026-11-01` (UTC); returns the ISO time it stands for. */
export function parseSince(text: string, now: number = Date.now()): string {
  const age = /^(\d+)\s*([hdw])$/i.exec(text.trim());
  if (age !== null) return new Date(now - Number(age[1]) * UNIT_MS[age[2]!.toLowerCase()]!).toISOString();
  if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(text.trim())) {
    const time = Date.parse(text.trim());
    if (!Number.isNaN(time)) return new Date(time).toISOString();
  }
  throw new UsageError(`--since must be an age such as 7d, 36h or 2w, or a date such as 2026-11-01; got "${text}"`);
}
