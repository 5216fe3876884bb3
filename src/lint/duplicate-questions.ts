import { formatSource } from './format-lint';
import { type LintQuestion, type LintWarning } from './types';

/** How a question is compared with others. */
export interface QuestionForms {
  /** The question as the bot reads it (normalized tokens joined), equal for questions the bot cannot tell apart. */
  readonly key: (text: string) => string;
  /** The distinct word stems of the question. */
  readonly stems: (text: string) => string[];
}

const bySource = (a: LintQuestion, b: LintQuestion): number => a.source.file.localeCompare(b.source.file) || a.source.line - b.source.line;

/** Warns at the later row of each question that, once normalized, is also written under another id. */
export function findExactDuplicates(questions: readonly LintQuestion[], forms: QuestionForms): LintWarning[] {
  const firstByKey = new Map<string, LintQuestion[]>();
  const warnings: LintWarning[] = [];
  for (const question of [...questions].sort(bySource)) {
    const key = forms.key(question.text);
    if (key === '') continue;
    const earlier = firstByKey.get(key) ?? [];
    const other = earlier.find((q) => q.id !== question.id);
    if (other !== undefined) {
      warnings.push({
        ...question.source,
        check: 'duplicate',
        message: `the question "${question.text}" (id "${question.id}") is also under id "${other.id}" at ${formatSource(other.source)}`,
        advice: 'keep it under the one id it asks for and delete the other row',
        related: other.source,
      });
    }
    if (!earlier.some((q) => q.id === question.id)) earlier.push(question);
    firstByKey.set(key, earlier);
  }
  return warnings;
}

/**
 * Warns at the later row of each pair of questions under different ids whose word stems overlap by at least
 * `similarity` (Jaccard), naming the closest such question; exact duplicates are left to findExactDuplicates.
 * Pairs are found by prefix filtering (Bayardo et al., "Scaling up all pairs similarity search"): with each stem
 * set sorted rarest first, two sets that similar share a stem among their first |set| - ceil(similarity * |set|) + 1.
 */
export function findNearDuplicates(questions: readonly LintQuestion[], forms: QuestionForms, similarity: number): LintWarning[] {
  const sets = questions.map((q) => forms.stems(q.text));
  const keys = questions.map((q) => forms.key(q.text));
  const df = new Map<string, number>();
  for (const set of sets) for (const stem of set) df.set(stem, (df.get(stem) ?? 0) + 1);
  const rarestFirst = (a: string, b: string): number => df.get(a)! - df.get(b)! || (a < b ? -1 : a > b ? 1 : 0);
  for (const set of sets) set.sort(rarestFirst);

  const best = new Map<number, { other: number; score: number }>();
  const prefixIndex = new Map<string, number[]>();
  sets.forEach((set, i) => {
    if (set.length === 0) return;
    const prefix = set.slice(0, set.length - Math.ceil(similarity * set.length) + 1);
    const candidates = new Set<number>();
    for (const stem of prefix) for (const j of prefixIndex.get(stem) ?? []) candidates.add(j);
    for (const j of candidates) {
      if (questions[j]!.id === questions[i]!.id || keys[j] === keys[i]) continue;
      const score = jaccard(sets[i]!, sets[j]!);
      if (score < similarity) continue;
      const [earlier, later] = bySource(questions[i]!, questions[j]!) < 0 ? [i, j] : [j, i];
      const kept = best.get(later);
      if (kept === undefined || score > kept.score) best.set(later, { other: earlier, score });
    }
    for (const stem of prefix) {
      const list = prefixIndex.get(stem) ?? [];
      list.push(i);
      prefixIndex.set(stem, list);
    }
  });

  return [...best].map(([at, { other }]): LintWarning => {
    const question = questions[at]!;
    const similar = questions[other]!;
    return {
      ...question.source,
      check: 'near-duplicate',
      message: `the question "${question.text}" (id "${question.id}") is nearly the same as "${similar.text}" under id "${similar.id}" at ${formatSource(similar.source)}`,
      advice: 'keep the wording under the id it asks for, or add the words that tell the two apart',
      related: similar.source,
    };
  });
}

function jaccard(a: readonly string[], b: readonly string[]): number {
  const inB = new Set(b);
  const common = a.filter((stem) => inB.has(stem)).length;
  return common / (a.length + b.length - common);
}
