import { type CorpusNotice } from './reading-notice';
import { type Replies } from './replies';

/** Where a row came from, for messages an editor can act on. */
export interface SourceLocation {
  /** Path of the CSV file, as given to the loader. */
  readonly file: string;
  /** 1-based line where the row starts. */
  readonly line: number;
}

/** One CSV row: one way of asking, maybe with the answer. */
export interface CorpusRow {
  readonly id: string;
  readonly question: string;
  readonly answer: string;
  readonly category: string;
  /** Ids of answers to offer after this one (column `followups`, ids separated by `|`); absent or empty when none. */
  readonly followups?: readonly string[];
  readonly source: SourceLocation;
}

/** One answer with every question that asks for it. */
export interface FaqEntry {
  readonly id: string;
  readonly answer: string;
  readonly category: string;
  readonly questions: readonly string[];
  /** Row that holds the answer. */
  readonly source: SourceLocation;
  /** Row of each question, in the order of `questions`; set when the entry was read from corpus files. */
  readonly questionSources?: readonly SourceLocation[];
  /** Ids of the answers offered as follow-up questions after this one, in the order written; absent when none. */
  readonly followups?: readonly string[];
}

/** The whole corpus, validated and grouped by answer. */
export interface Corpus {
  readonly entries: readonly FaqEntry[];
  /** Messages the bot should not answer (rows with the id `out-of-scope`), which sharpen its sense of when to fall back. */
  readonly outOfScope: readonly string[];
  /** Row of each out-of-scope example, in the order of `outOfScope`; set when read from corpus files. */
  readonly outOfScopeSources?: readonly SourceLocation[];
  /** Texts of the fallback rules. */
  readonly replies: Replies;
  /** Files read, in the order read. */
  readonly files: readonly string[];
  /** SHA-256 of every file's name and bytes, to tell whether an index is stale. */
  readonly hash: string;
}

/** A corpus read from its folder, with what was guessed while reading it. */
export interface LoadedCorpus extends Corpus {
  /** One notice per file read as anything but plain UTF-8 with commas, for the command line to show. */
  readonly notices: readonly CorpusNotice[];
}
