/**
 * `faqbot unanswered` benchmark: logs customer-like messages (CLINC150 train texts in a seeded shuffle, which the sample
 * bicycle-shop corpus mostly cannot answer) as the server would, with the bot's real replies, into a message log in a
 * temporary folder, then times reading the log and building the report for growing numbers of messages, side by side
 * in one run, and says how well the groups follow CLINC150's own intents (purity: the share of messages whose group's
 * most common intent is theirs). Run on purpose (`npm run bench:unanswered`), never by `npm test`. Without the data set
 * it uses the sample corpus's own questions, reworded, and prints no purity.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCorpus } from '../src/corpus/load-corpus';
import { readLabeledCsv } from '../src/eval/labeled-csv';
import { loadIndex } from '../src/index/load-index';
import { reindex } from '../src/index/reindex';
import { createLogger } from '../src/log/logger';
import { createBotFromIndex } from '../src/reply/bot-from-index';
import { openMessageLog } from '../src/store/message-log';
import { readLoggedQuestions } from '../src/store/read-log';
import { groupByMeaning } from '../src/unanswered/group-by-meaning';
import { messageVectorizer } from '../src/unanswered/message-vectors';
import { redactNumbers } from '../src/unanswered/redact-numbers';
import { unansweredReason } from '../src/unanswered/select-unanswered';
import { buildUnansweredReport } from '../src/unanswered/unanswered-report';
import { mulberry32 } from '../test/helpers/prng';
import { DATASETS } from './dev-datasets';

const ROOT = resolve(__dirname, '..');
const SIZES = (process.env.BENCH_SIZES ?? '1000,4000,16000').split(',').map(Number);

/** Messages with the intent each stands for (null without CLINC150), in a seeded shuffle so every size mixes intents. */
function customerTexts(): { text: string; label: string | null }[] {
  const train = join(DATASETS, 'clinc150/train.csv');
  if (!existsSync(train)) {
    console.log(`CLINC150 not found under ${DATASETS}; using the sample corpus questions, reworded`);
    return loadCorpus(join(ROOT, 'corpus')).entries.flatMap((entry) => entry.questions.map((q) => ({ text: `hi, ${q} please`, label: null })));
  }
  const random = mulberry32(1);
  return readLabeledCsv(train)
    .map((row) => ({ row, key: random.next() }))
    .sort((a, b) => a.key - b.key)
    .map(({ row }) => row);
}

/** Share of messages whose group's most common intent is their own. */
function purity(texts: readonly string[], labelOf: ReadonlyMap<string, string | null>, vectorize: ReturnType<typeof messageVectorizer>): number | null {
  if ([...labelOf.values()].some((label) => label === null)) return null;
  const key = (text: string): string => text.trim().replace(/\s+/g, ' ').toLowerCase();
  const counted = new Map<string, number>();
  for (const text of texts) counted.set(key(text), (counted.get(key(text)) ?? 0) + 1);
  let pure = 0;
  for (const group of groupByMeaning(texts, vectorize)) {
    const byLabel = new Map<string, number>();
    for (const text of [group.typical, ...group.others]) {
      const label = labelOf.get(key(text)) ?? '';
      byLabel.set(label, (byLabel.get(label) ?? 0) + (counted.get(key(text)) ?? 0));
    }
    pure += Math.max(...byLabel.values());
  }
  return pure / texts.length;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'faqbot-bench-unanswered-'));
  try {
    const db = join(dir, 'index.sqlite');
    reindex(join(ROOT, 'corpus'), db);
    const index = loadIndex(db);
    const bot = createBotFromIndex(index);
    const texts = customerTexts();
    const largest = Math.max(...SIZES);
    const logPath = join(dir, 'messages.sqlite');
    const log = openMessageLog(logPath, { logger: createLogger('silent') });
    const started = Date.now() - largest * 1000;
    for (let i = 0; i < largest; i++) {
      const body = texts[i % texts.length]!.text;
      const reply = bot.reply({ text: body, mediaCount: 0 });
      log.record({ messageSid: `SM${i.toString(16).padStart(32, '0')}`, sender: `whatsapp:+4477009${String(i % 100_000).padStart(5, '0')}`, body, messages: [reply.text], answerId: reply.answerId, score: reply.score, fallback: reply.fallback }, started + i * 1000);
    }
    await log.close(60_000);
    console.log(`faqbot unanswered bench: sample corpus (${index.meta.answers} answers), messages from ${existsSync(join(DATASETS, 'clinc150/train.csv')) ? 'CLINC150 train' : 'the corpus'}`);
    for (const size of SIZES) {
      const since = new Date(started + (largest - size) * 1000).toISOString();
      const t0 = performance.now();
      const messages = readLoggedQuestions(logPath, since);
      const t1 = performance.now();
      const report = buildUnansweredReport(messages, index);
      const t2 = performance.now();
      const selected = messages.filter((message) => unansweredReason(message) !== null).map((message) => redactNumbers(message.body));
      const labelOf = new Map(texts.map(({ text, label }) => [text.trim().replace(/\s+/g, ' ').toLowerCase(), label]));
      const t3 = performance.now();
      const share = purity(selected, labelOf, messageVectorizer(index, selected));
      const groupMs = performance.now() - t3;
      console.log(
        `${String(messages.length).padStart(6)} messages: read ${(t1 - t0).toFixed(0)} ms, report ${(t2 - t1).toFixed(0)} ms ` +
          `(of which grouping alone, timed again: ${groupMs.toFixed(0)} ms); ` +
          `${selected.length} not answered confidently -> ${report.groups} groups${share === null ? '' : `, purity ${share.toFixed(3)}`}; ` +
          `largest ${report.rows[0]?.count ?? 0}: "${report.rows[0]?.question ?? ''}"`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
