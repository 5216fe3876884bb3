/** The index file is missing, unreadable or from another schema; the fix is nearly always to run reindex. */
export class IndexError extends Error {
  /** Path of the index file concerned. */
  readonly path: string;

  constructor(path: string, problem: string) {
    super(`Index ${path}: ${problem}. Run "npx faqbot reindex" to build it.`);
    this.name = 'IndexError';
    this.path = path;
  }
}
