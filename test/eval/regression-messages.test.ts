import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadIndex } from '../../src/index/load-index';
import { type LoadedIndex } from '../../src/index/loaded-index';
import { reindex } from '../../src/index/reindex';
import { type Bot } from '../../src/reply/bot';
import { createBotFromIndex, listQuestions } from '../../src/reply/bot-from-index';
import { questionKey } from '../../src/reply/question-key';
import { SMALL_TALK_RULES } from '../../src/reply/small-talk';
import { RULE_NAMES, type BotReply } from '../../src/reply/types';
import { makeTempDir } from '../helpers/temp-dir';

const ROOT = join(__dirname, '../..');
const FIXTURE = join(ROOT, 'test/fixtures/regression-messages.csv');

/**
 * One row of test/fixtures/regression-messages.csv. `expected` is an answer id (several joined by `|` when more than
 * one is right), `rule:NAME` for a rule, `choices:ID|ID` for numbered choices of exactly those answers in that order
 * (two answers about equally likely), or `no-answer` for off-topic messages: the default reply or "did you mean",
 * never an answer or a small-talk rule. `known_gap` says why today's bot gets the row wrong, for reasons outside
 * the rules; empty when it must pass.
 */
interface Row {
  readonly line: number;
  readonly message: string;
  readonly expected: string;
  readonly knownGap: string;
}

function readRows(): Row[] {
  const records = parse(readFileSync(FIXTURE), { columns: true, bom: true, info: true, skip_empty_lines: true }) as Array<{
    record: { message: string; expected: string; known_gap: string };
    info: { lines: number };
  }>;
  return records.map(({ record, info }) => ({ line: info.lines, message: record.message, expected: record.expected, knownGap: record.known_gap }));
}

function meets(reply: BotReply, expected: string): boolean {
  if (expected === 'no-answer') return reply.fallback === 'fallback' || reply.fallback === 'didYouMean';
  if (expected.startsWith('rule:')) return reply.fallback === expected.slice('rule:'.length);
  if (expected.startsWith('choices:')) return (reply.choices ?? []).map((c) => c.id).join('|') === expected.slice('choices:'.length);
  return reply.answerId !== null && expected.split('|').includes(reply.answerId);
}

function describeReply(reply: BotReply): string {
  return reply.answerId !== null ? `${reply.answerId} (${reply.score.toFixed(3)})` : `rule:${reply.fallback ?? ''} (best ${reply.candidates[0]?.id ?? 'none'} ${reply.score.toFixed(3)})`;
}

describe('the regression messages, against the sample corpus', () => {
  const rows = readRows();
  let index: LoadedIndex;
  let bot: Bot;
  before(() => {
    const dir = makeTempDir();
    try {
      const db = join(dir.path, 'sample.sqlite');
      reindex(join(ROOT, 'corpus'), db);
      index = loadIndex(db);
    } finally {
      dir.cleanup();
    }
    bot = createBotFromIndex(index);
  });
  const row = (r: Row): string => `regression-messages.csv:${r.line} "${r.message}"`;

  it('holds at least 60 new messages, each expecting an answer of the corpus, a rule or no answer', () => {
    expect(rows.length).to.be.at.least(60);
    const ids = new Set(index.answers.map((answer) => answer.id));
    const corpusQuestions = listQuestions(index);
    const problems = rows.flatMap((r) => {
      const found: string[] = [];
      if (corpusQuestions.has(questionKey(r.message))) found.push(`${row(r)} is a question of the corpus; write it as a customer would`);
      if (r.expected.startsWith('rule:')) {
        if (!(RULE_NAMES as readonly string[]).includes(r.expected.slice(5))) found.push(`${row(r)} expects an unknown rule "${r.expected}"`);
      } else if (r.expected !== 'no-answer') {
        for (const id of r.expected.replace(/^choices:/, '').split('|')) if (!ids.has(id)) found.push(`${row(r)} expects "${id}", which is no answer of the sample corpus`);
      }
      return found;
    });
    expect(problems).to.deep.equal([]);
  });

  it('covers every small-talk rule', () => {
    const expected = new Set(rows.map((r) => r.expected));
    expect(SMALL_TALK_RULES.filter((rule) => !expected.has(`rule:${rule}`))).to.deep.equal([]);
  });

  it('gets every message right except the known gaps', () => {
    const wrong = rows
      .filter((r) => r.knownGap === '')
      .flatMap((r) => {
        const reply = bot.reply({ text: r.message, mediaCount: 0 });
        return meets(reply, r.expected) ? [] : [`${row(r)}: expected ${r.expected}, got ${describeReply(reply)}`];
      });
    expect(wrong).to.deep.equal([]);
  });

  it('still gets each known gap wrong; when one passes, clear its known_gap cell', () => {
    const fixed = rows
      .filter((r) => r.knownGap !== '')
      .flatMap((r) => (meets(bot.reply({ text: r.message, mediaCount: 0 }), r.expected) ? [`${row(r)} now passes`] : []));
    expect(fixed).to.deep.equal([]);
  });
});
