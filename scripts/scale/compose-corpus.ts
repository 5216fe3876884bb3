/**
 * Composes corpora of any size from the development sets, for bench:scale. The 234 real answers are CLINC150's 150,
 * BANKING77's 77 and SNIPS's 7 intents (labels prefixed by set). Beyond 234, answer j is real answer j mod 234 at a
 * seeded synthetic branch name (branch floor(j / 234)), as a chain's FAQ repeats its answers per shop: its questions
 * are that intent's real training questions with the branch named in one of a few templates ("... at Dalrin",
 * "Dalrin: ...", "for Dalrin, ..."), and its test messages are the intent's real test messages named the same way.
 * So a large corpus must tell apart both the intent and the branch, and labels exist at every size.
 */
import { stringify } from 'csv-stringify/sync';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLabeledCsv, type LabeledRow } from '../../src/eval/labeled-csv';
import { seededRandom } from '../../src/index/train';

/** One real intent: its training and test messages. */
interface Intent {
  readonly label: string;
  readonly train: readonly string[];
  readonly test: readonly string[];
}

/** A composed corpus: answers with their questions, and labeled test messages. */
export interface ComposedCorpus {
  readonly answers: readonly { readonly id: string; readonly answer: string; readonly questions: readonly string[] }[];
  readonly test: readonly LabeledRow[];
  /** Answers that are real intents as they are; the others are intents at a synthetic branch. */
  readonly realAnswers: number;
}

/** The sets and files the real intents come from: training rows, and the held-out rows of the same intents. */
const SOURCES = [
  { prefix: 'clinc', train: 'clinc150/train.csv', test: 'clinc150/val.csv' },
  { prefix: 'banking', train: 'banking77/train.csv', test: 'banking77/test.csv' },
  { prefix: 'snips', train: 'snips/train.csv', test: 'snips/test.csv' },
] as const;

/** Reads the real intents of every set found under `datasets`, in a seeded order that mixes the sets. */
export function readIntents(datasets: string, seed = 1): Intent[] {
  const intents: Intent[] = [];
  for (const source of SOURCES) {
    const trainFile = join(datasets, source.train);
    const testFile = join(datasets, source.test);
    if (!existsSync(trainFile) || !existsSync(testFile)) continue;
    const byLabel = new Map<string, { train: string[]; test: string[] }>();
    const add = (rows: readonly LabeledRow[], key: 'train' | 'test'): void => {
      for (const { text, label } of rows) {
        if (label === null || text.trim() === '') continue;
        const intent = byLabel.get(label) ?? { train: [], test: [] };
        intent[key].push(text);
        byLabel.set(label, intent);
      }
    };
    add(readLabeledCsv(trainFile), 'train');
    add(readLabeledCsv(testFile), 'test');
    for (const [label, { train, test }] of byLabel) if (train.length > 0) intents.push({ label: `${source.prefix}:${label}`, train, test });
  }
  return shuffled(intents, seededRandom(seed));
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const SYLLABLES = ['dal', 'rin', 'kes', 'to', 'va', 'mor', 'len', 'bri', 'ost', 'ca', 'nel', 'wy', 'thar', 'ip', 'sun', 'gar', 'fel', 'ux', 'ro', 'da'];

/** Seeded made-up place names ("Dalrin", "Kestova"), distinct, none an English word. */
function branchNames(count: number, random: () => number): string[] {
  const names = new Set<string>();
  while (names.size < count) {
    const parts = 2 + Math.floor(random() * 2);
    let name = '';
    for (let i = 0; i < parts; i++) name += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    names.add(name.charAt(0).toUpperCase() + name.slice(1));
  }
  return [...names];
}

const TEMPLATES: readonly ((text: string, branch: string) => string)[] = [
  (text, branch) => `${text} at ${branch}`,
  (text, branch) => `${branch}: ${text}`,
  (text, branch) => `for ${branch}, ${text}`,
  (text, branch) => `${text} (${branch} shop)`,
  (text, branch) => `${text} in ${branch}`,
];

/**
 * A corpus of `answerCount` answers with about `questionCount` questions in all, and up to `testCount` test messages
 * spread evenly over the answers. Seeded: the same arguments give the same corpus.
 */
export function composeCorpus(intents: readonly Intent[], answerCount: number, questionCount: number, testCount: number, seed = 1): ComposedCorpus {
  if (intents.length === 0) throw new Error('no development data sets found; see ../shared/datasets/README.md');
  const random = seededRandom(seed);
  const branches = branchNames(Math.ceil(answerCount / intents.length), random);
  const perAnswer = Math.max(1, Math.round(questionCount / answerCount));
  const answers: { id: string; answer: string; questions: string[] }[] = [];
  const tests: LabeledRow[][] = [];
  for (let j = 0; j < answerCount; j++) {
    const intent = intents[j % intents.length]!;
    const variant = Math.floor(j / intents.length);
    const branch = variant === 0 ? null : branches[variant - 1]!;
    const name = (text: string): string => (branch === null ? text : TEMPLATES[Math.floor(random() * TEMPLATES.length)]!(text, branch));
    const pool = shuffled(intent.train, random);
    const questions = Array.from({ length: perAnswer }, (_, i) => name(pool[i % pool.length]!));
    const id = branch === null ? intent.label : `${intent.label}@${branch}`;
    const topic = intent.label.slice(intent.label.indexOf(':') + 1).replace(/_/g, ' ');
    answers.push({ id, answer: `The answer about ${topic}${branch === null ? '' : ` at our ${branch} shop`}.`, questions });
    tests.push(shuffled(intent.test, random).map((text) => ({ text: name(text), label: id })));
  }
  // Round robin over the answers in a seeded order, so a small test budget still covers many answers.
  const test: LabeledRow[] = [];
  const order = shuffled(tests, random);
  for (let round = 0; test.length < testCount; round++) {
    let added = false;
    for (const rows of order) {
      if (round < rows.length && test.length < testCount) {
        test.push(rows[round]!);
        added = true;
      }
    }
    if (!added) break;
  }
  return { answers, test, realAnswers: Math.min(answerCount, intents.length) };
}

/** Writes a composed corpus as a corpus folder of one CSV file, as an editor would keep it; returns the folder. */
export function writeCorpusFolder(corpus: ComposedCorpus, dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const rows: string[][] = [['id', 'question', 'answer', 'category']];
  for (const { id, answer, questions } of corpus.answers) questions.forEach((question, i) => rows.push([id, question, i === 0 ? answer : '', '']));
  writeFileSync(join(dir, 'corpus.csv'), stringify(rows, { record_delimiter: 'unix' }));
  return dir;
}
