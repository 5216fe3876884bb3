import { expect } from 'chai';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { loadIndex } from '../../src/index/load-index';
import { reindex } from '../../src/index/reindex';
import { fileIdentity } from '../../src/server/file-identity';
import { createHotIndex, type HotIndex } from '../../src/server/hot-index';
import { toServingIndex } from '../../src/server/serving-index';
import { waitUntil } from '../helpers/cli-process';
import { BAKERY_CSV } from '../helpers/fixtures';
import { captureLog, type CapturedLog } from '../helpers/log-capture';
import { makeTempDir, type TempDir } from '../helpers/temp-dir';

const PARKING_CSV = `${BAKERY_CSV}parking,where can i park,"Park for free behind the shop, off Mill Lane.",Visit\n`;

describe('createHotIndex (real index files)', () => {
  let dir: TempDir;
  let path: string;
  let log: CapturedLog;
  let hot: HotIndex | undefined;
  beforeEach(() => {
    dir = makeTempDir();
    path = `${dir.path}/index.sqlite`;
    dir.write('corpus/faq.csv', BAKERY_CSV);
    reindex(`${dir.path}/corpus`, path);
    log = captureLog();
  });
  afterEach(() => {
    hot?.stop();
    hot = undefined;
    dir.cleanup();
  });

  /** Follows the index at `path`, polling every `pollMs`. */
  const follow = (pollMs = 60_000): HotIndex => {
    hot = createHotIndex({ path, initial: toServingIndex(loadIndex(path)), load: loadIndex, build: (index) => toServingIndex(index), pollMs, logger: log.logger });
    return hot;
  };
  /** Builds a corpus into a new file and renames it over the index, as `faqbot reindex` does. */
  const replaceWith = (csv: string): void => {
    dir.write('next/faq.csv', csv);
    reindex(`${dir.path}/next`, `${dir.path}/next.sqlite`);
    renameSync(`${dir.path}/next.sqlite`, path);
  };

  it('keeps serving the same index while the file is unchanged', async () => {
    const index = follow();
    const served = index.current();
    await index.refresh();
    expect(index.current()).to.equal(served);
    expect(index.reloads).to.equal(0);
  });

  it('swaps in a new file renamed over the old one, and says so with its size and load time', async () => {
    const index = follow();
    replaceWith(PARKING_CSV);
    await index.refresh();
    expect(index.reloads).to.equal(1);
    expect(index.current().meta.answers).to.equal(6);
    const line = log.lines().find((entry) => entry.msg === 'new index swapped in');
    expect(line).to.include({ db: path, answers: 6, corpusHash: index.current().meta.corpusHash });
    expect(line?.loadMs).to.be.a('number');
  });

  it('shares one check between refreshes asked for at the same moment', async () => {
    const index = follow();
    replaceWith(PARKING_CSV);
    const [a, b] = [index.refresh(), index.refresh()];
    expect(a).to.equal(b);
    await a;
    expect(index.reloads).to.equal(1);
  });

  it('reports a damaged file once, not on every check, keeps the old index, and takes the next good file', async () => {
    const index = follow();
    const served = index.current();
    writeFileSync(`${dir.path}/garbage`, 'not an index');
    renameSync(`${dir.path}/garbage`, path);
    await index.refresh();
    await index.refresh();
    expect(index.current()).to.equal(served);
    expect(log.lines().filter((entry) => entry.msg === 'a new index file could not be loaded; still serving the previous index. Run "faqbot reindex" again.')).to.have.length(1);
    rmSync(path);
    replaceWith(PARKING_CSV);
    await index.refresh();
    expect(index.reloads).to.equal(1);
  });

  it('keeps serving the index it has while the file is missing', async () => {
    const index = follow();
    const served = index.current();
    rmSync(path);
    await index.refresh();
    expect(index.current()).to.equal(served);
    expect(log.lines().filter((entry) => (entry.level as number) >= 40)).to.deep.equal([]);
  });

  it('swaps nothing in after stop(), not even from a check asked for just before it', async () => {
    const index = follow();
    const queued = index.refresh();
    index.stop();
    replaceWith(PARKING_CSV);
    await queued;
    await index.refresh();
    expect(index.reloads).to.equal(0);
    expect(index.current().meta.answers).to.equal(5);
  });

  it('notices a new file by itself (the folder watch, or polling as a backstop), and not after stop()', async () => {
    const index = follow(50);
    replaceWith(PARKING_CSV);
    await waitUntil(() => index.reloads === 1, 5000, 'the new index to be swapped in');
    index.stop();
    replaceWith(BAKERY_CSV);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(index.reloads).to.equal(1);
  });
});

describe('fileIdentity', () => {
  it('changes when a file is replaced, and is null for a missing file', () => {
    const dir = makeTempDir();
    try {
      const path = dir.write('a.txt', 'one');
      const first = fileIdentity(path);
      expect(first).to.match(/^\d+:\d+:3:\d+$/);
      dir.write('b.txt', 'two!');
      renameSync(`${dir.path}/b.txt`, path);
      expect(fileIdentity(path)).to.not.equal(first);
      expect(fileIdentity(`${dir.path}/missing`)).to.equal(null);
    } finally {
      dir.cleanup();
    }
  });
});
