/**
 * Child process of bench:scale: builds one index exactly as `faqbot reindex` does and prints, as one JSON line, the
 * wall and CPU time and this process's peak resident memory, so that the parent's own memory does not count.
 * Usage: tsx scripts/scale/build-index.ts CORPUS_DIR INDEX_FILE
 */
import { performance } from 'node:perf_hooks';
import { reindex } from '../../src/index/reindex';

const [corpusDir, indexFile] = process.argv.slice(2);
if (corpusDir === undefined || indexFile === undefined) {
  console.error('usage: build-index.ts CORPUS_DIR INDEX_FILE');
  process.exit(2);
}
const started = performance.now();
const cpuBefore = process.cpuUsage();
const meta = reindex(corpusDir, indexFile);
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
// maxRSS is in kilobytes.
console.log(JSON.stringify({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024, terms: meta.terms, postings: meta.postings }));
