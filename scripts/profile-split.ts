/**
 * Reads a V8 CPU profile (`node --cpu-prof`) of `faqbot serve` and says where its busy time went, by part of the request
 * path. Self time of a function is charged to the part its file belongs to; functions without a file (native code,
 * builtins) are charged to the part of their nearest caller that has one, so a JSON.stringify inside pino counts as logging.
 * Usage: `tsx scripts/profile-split.ts <file.cpuprofile>`; bench:load calls it under BENCH_CPU_PROF. V8's profile
 * samples wall time, so on a busy machine a thread that waits for a core is charged to what it did just before (socket
 * writes that wake the load generator, above all); `perf script` text (see summarizePerfScript) is on-CPU time only.
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
];

const KOA = 'koa, router, http-errors';
const NODE = 'node http, net, streams (socket I/O, HTTP parsing)';

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
    else if (url.startsWith('node:')) {
      // Node's own code does the work of whoever called it: a file write for the logger, a hash for the signature check.
      const caller = callerPart(id);
      part = caller === undefined || caller === KOA ? NODE : caller;
    } else if (url !== '') part = PARTS.find(([, pattern]) => pattern.test(url))?.[0] ?? `other: ${url.replace(/^.*node_modules\//, '').split('/')[0]}`;
    else {
      const parent = parentOf.get(id);
      part = parent === undefined || byId.get(parent)!.callFrame.functionName === '(root)' ? 'V8 and native, no JavaScript caller' : partOf(parent);
    }
    partCache.set(id, part);
    return part;
  };
  /** The part of the nearest caller outside Node's own code, if any. */
  const callerPart = (id: number): string | undefined => {
    for (let at = parentOf.get(id); at !== undefined; at = parentOf.get(at)) {
      const { url, functionName } = byId.get(at)!.callFrame;
      if (functionName === '(root)') return undefined;
      if (url !== '' && !url.startsWith('node:')) return partOf(at);
    }
    return undefined;
  };
  // A gap between samples much longer than the interval is time the thread waited for a core (the machine is shared),
  // charged by V8 to whatever ran next; capped, the figures are close to CPU time.
  const deltas = [...profile.timeDeltas].sort((a, b) => a - b);
  const cap = 2 * (deltas[Math.floor(deltas.length / 2)] ?? 0);
  const totals = new Map<string, number>();
  profile.samples.forEach((id, at) => {
    const part = partOf(id);
    totals.set(part, (totals.get(part) ?? 0) + Math.min(cap, profile.timeDeltas[at] ?? 0) / 1000);
  });
  const idle = totals.get('idle') ?? 0;
  totals.delete('idle');
  const busy = [...totals.values()].reduce((sum, ms) => sum + ms, 0);
  const samples = `${profile.samples.length} samples, gaps capped at ${Math.round(cap / 1000)} ms`;
  const lines = [...totals]
    .sort((a, b) => b[1] - a[1])
    .map(([part, ms]) => `  ${(((100 * ms) / busy).toFixed(1) + '%').padStart(6)}  ${String(Math.round(ms)).padStart(7)} ms  ${part}`);
  return [`  busy ${Math.round(busy)} ms, idle ${Math.round(idle)} ms (${samples}); self time by part of the request path:`, ...lines].join('\n');
}

/** Native code that is the garbage collector at work, wherever it was entered from. */
const GC_FRAME = /v8::internal::(Heap::|Scavenger|ScavengerCollector|MarkCompactCollector|MinorMarkCompact|MinorMarkSweep|ConcurrentMarking|Sweeper|GCTracer|IncrementalMarking)/;

/**
 * Summarizes `perf script` output of a node process run with --perf-basic-prof and recorded with
 * `perf record -e cpu-clock -g -p <pid>`: on-CPU samples only (a thread waiting for a core is not sampled), kernel time
 * included. Each sample is charged to the part of its innermost JavaScript frame outside Node's own code, or to SQLite,
 * the garbage collector or the event loop when no such frame is on the stack.
 */
export function summarizePerfScript(text: string): string {
  const totals = new Map<string, number>();
  let kernel = 0;
  let samples = 0;
  for (const block of text.split(/\n\s*\n/)) {
    const frames = block
      .split('\n')
      .filter((line) => /^\s/.test(line) && line.trim() !== '')
      .map((line) => {
        const match = /^\s*[0-9a-f]+\s+(.*?)\s+\(([^()]*)\)$/.exec(line);
        return { symbol: match?.[1] ?? line.trim(), dso: match?.[2] ?? '' };
      });
    if (frames.length === 0) continue;
    samples++;
    if (frames[0]!.dso.includes('kernel')) kernel++;
    let part: string | undefined;
    let sawNode = false;
    if (frames.some((frame) => GC_FRAME.test(frame.symbol))) part = 'garbage collection';
    for (const { symbol, dso } of part === undefined ? frames : []) {
      if (dso.includes('better_sqlite3')) {
        part = 'message log (SQLite write and lookup)';
        break;
      }
      // `JS:*name /path/file.js:line:column` or `JS:~get host node:internal/url:...`: the file is the token before `:line:column`.
      const js = symbol.startsWith('JS:') ? /\s(\S+?):\d+:\d+(?:\+0x[0-9a-f]+)?$/.exec(symbol) : null;
      if (js === null) continue;
      const url = js[1]!;
      if (url.startsWith('node:')) {
        sawNode = true;
        continue;
      }
      const found = PARTS.find(([, pattern]) => pattern.test(url))?.[0];
      if (found === undefined) {
        part = `other: ${url.replace(/^.*node_modules\//, '').split('/')[0]}`;
        break;
      }
      part = found === KOA && sawNode ? NODE : found;
      break;
    }
    part ??= sawNode ? NODE : frames.some((frame) => /^uv_|uv__/.test(frame.symbol)) ? 'event loop (libuv), no JavaScript on the stack' : 'V8 and native, no JavaScript caller';
    totals.set(part, (totals.get(part) ?? 0) + 1);
  }
  const lines = [...totals]
    .sort((a, b) => b[1] - a[1])
    .map(([part, count]) => `  ${(((100 * count) / samples).toFixed(1) + '%').padStart(6)}  ${String(count).padStart(6)} samples  ${part}`);
  return [`  ${samples} on-CPU samples, ${((100 * kernel) / Math.max(1, samples)).toFixed(1)}% of them in the kernel; by part of the request path:`, ...lines].join('\n');
}

if (require.main === module) {
  const file = process.argv[2];
  if (file === undefined) {
    console.error('usage: tsx scripts/profile-split.ts <file.cpuprofile | perf-script.txt>');
    process.exit(2);
  }
  const text = readFileSync(file, 'utf8');
  console.log(file.endsWith('.cpuprofile') ? summarizeProfile(JSON.parse(text) as CpuProfile) : summarizePerfScript(text));
}
