import { type IndexMeta } from '../index/meta';

/** One line that tells an editor what a build produced. */
export function buildSummary(meta: IndexMeta, path: string): string {
  return `Indexed ${meta.answers} answers, ${meta.questions} questions, ${meta.terms} terms in ${meta.buildMs} ms -> ${path}`;
}
