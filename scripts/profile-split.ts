/**
 * Reads a V8 CPU profile (`node --cpu-prof`) of `faqbot serve` and says where its busy time went, by part of the request
 * path. Self time of a function is charged to the part its file belongs to; functions without a file (native code,
 * builtins) are charged to the part of their nearest caller that has one, so a JSON.stringify inside pino counts as logging.
 * Usage: `tsx scripts/profile-split.ts <file.cpuprofile>`; bench:load calls it under BENCH_CPU_PROF.
 */
import { readFileSync } from 'node:fs';

/** The parts of a V8 .cpuprofile this reads. */
export interface CpuProfile {
  readonly nodes: readonly { id: number; callFrame: { functionName: string; url: string }; children?: readonly number[] }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Parts of the request path, tried in order against a function's file; the first whose pattern matches takes it. */
const PARTS: readonly (readonly [string, RegExp])[] = [
  ['request log (pino)', /node_modules\/(pino|sonic-boom|fast-redact|@pinojs|thread-stream|on-exit-leak-free|quick-format|fast-safe-stringify|atomic-sleep)|\/log\//],
  ['message log (SQLite write and lookup)', /node_modules\/better-sqlite3|\/store\//],
  ['signature check (twilio webhooks, URL)', /twilio\/lib\/webhooks|node_modules\/scmp|verify-signature|webhook-url/],
  ['TwiML (twilio MessagingResponse, xmlbuilder)', /twilio\/lib\/twiml|node_modules\/xmlbuilder|twiml\.js/],
  ['other twilio module code', /node_modules\/twilio/],
  ['body parsing (koa-bodyparser, co-body, qs)', /koa-bodyparser|co-body|raw-body|node_modules\/qs|inflation|iconv-lite|read-form/],
  ['koa, router, http-errors', /node_modules\/(koa|@koa|koa-compose|http-errors|statuses|delegates|content-type|type-is|mime-types|mime-db|accepts|negotiator|vary|fresh|cookies|on-finished|encodeurl|escape-html|depd|path-to-regexp|destroy|http-assert|content-disposition|only|koa-convert|media-typer)\//],
  ['matching and reply (match, text, reply, natural)', /\/(match|text|reply|index|corpus)\/|node_modules\/(natural|wordnet)/],
  ['faqbot middleware (channels, http, server)', /\/(channels|http|server|cli|config)\//],
  ['node http, net, streams', /^node:/],
];

/** Self time in ms per part of the request path, busiest first, with idle time apart; one line per part. */
export function summarizeProfile(profile: CpuProfile): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const partCache = new Map<number, string>();
  const partOf = (id: number): string => {
    const cached = partCache.get(id);
    if (cached !== undefined) return cached;
    const { functionName, url } = byId.get(id)!.callFrame;
    let part: string;
    if (functionName === '(idle)') part = 'idle';
    else if (functionName === '(garbage collector)') part = 'garbage collection';
    else if (functionName === '(program)') part = 'V8 and native, no JavaScript caller';
    else if (url !== '') part = PARTS.find(([, pattern]) => pattern.test(url))?.[0] ?? `other: ${url.replace(/^.*node_modules\//, '').split('/')[0]}`;
    else {
      const parent = parentOf.get(id);
      part = parent === undefined || byId.get(parent)!.callFrame.functionName === '(root)' ? 'V8 and native, no JavaScript caller' : partOf(parent);
    }
    partCache.set(id, part);
    return part;
  };
  const totals = new Map<string, number>();
  profile.samples.forEach((id, at) => {
    const part = partOf(id);
    totals.set(part, (totals.get(part) ?? 0) + (profile.timeDeltas[at] ?? 0) / 1000);
  });
  const idle = totals.get('idle') ?? 0;
  totals.delete('idle');
  const busy = [...totals.values()].reduce((sum, ms) => sum + ms, 0);
  const lines = [...totals]
    .sort((a, b) => b[1] - a[1])
    .map(([part, ms]) => `  ${(((100 * ms) / busy).toFixed(1) + '%').padStart(6)}  ${String(Math.round(ms)).padStart(7)} ms  ${part}`);
  return [`  busy ${Math.round(busy)} ms, idle ${Math.round(idle)} ms; self time by part of the request path:`, ...lines].join('\n');
}

if (require.main === module) {
  const file = process.argv[2];
  if (file === undefined) {
    console.error('usage: tsx scripts/profile-split.ts <file.cpuprofile>');
    process.exit(2);
  }
  console.log(summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile));
}
