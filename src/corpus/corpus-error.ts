import { escapeControlCharacters } from './characters';

/** One thing wrong in the corpus, at a file and line. */
export interface CorpusProblem {
  readonly file: string;
  /** 1-based line; absent when the problem is with the file or folder as a whole. */
  readonly line?: number;
  readonly message: string;
}

/** Formats a problem the way compilers do, `file:line: message`, so editors can jump to it; control characters from the corpus are escaped. */
export function formatProblem(problem: CorpusProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  return escapeControlCharacters(`${where}: ${problem.message}`);
}

/** The corpus cannot be indexed; lists every problem found, each with its file and line. */
export class CorpusError extends Error {
  readonly problems: readonly CorpusProblem[];

  constructor(problems: readonly CorpusProblem[]) {
    const lines = problems.map((p) => `  ${formatProblem(p)}`);
    super(
      `The corpus has ${problems.length} problem${problems.length === 1 ? '' : 's'}; fix ${problems.length === 1 ? 'it' : 'them'} and run reindex again:\n${lines.join('\n')}`,
    );
    this.name = 'CorpusError';
    this.problems = problems;
  }
}
