/** The advice an IndexError gives unless told otherwise. */
const RUN_REINDEX = 'Run "npx faqbot reindex" to build it.';

/** The index file is missing, unreadable, from another schema, or cannot be written; the message ends with what to do. */
export class IndexError extends Error {
  /** Path of the index file concerned. */
  readonly path: string;

  constructor(path: string, problem: string, fix: string = RUN_REINDEX) {
    super(`Index ${path}: ${problem}. ${fix}`);
    this.name = 'IndexError';
    this.path = path;
  }
}
