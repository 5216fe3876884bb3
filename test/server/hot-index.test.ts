import { expect } from 'chai';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
    const started = performance.now();
    await index.refresh();
    const elapsed = performance.now() - started;
    expect(index.reloads).to.equal(1);
    expect(index.current().meta.answers).to.equal(6);
    const line = log.lines().find((entry) => entry.msg === 'new index swapped in');
    expect(line).to.include({ db: path, answers: 6, corpusHash: index.current().meta.corpusHash, builtAt: index.current().meta.builtAt });
    // The load happened within the refresh the test waited for.
    expect(line?.loadMs).to.be.a('number').within(0, Math.ceil(elapsed));
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
    const failures = log.lines().filter((entry) => entry.msg === 'a new index file could not be loaded; still serving the previous index. Run "faqbot reindex" again.');
    expect(failures).to.have.length(1);
    expect(failures[0]).to.include({ db: path, level: 50 });
    expect(failures[0]?.err).to.have.property('message').that.is.a('string').and.not.empty;
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

  it('notices a file renamed into place through the folder watch, without waiting for the next poll', async () => {
    // Polling once a minute: within this test only the watch can see the new file.
    const index = follow(60_000);
    replaceWith(PARKING_CSV);
    await waitUntil(() => index.reloads === 1, 5000, 'the folder watch to swap the new index in');
    expect(index.current().meta.answers).to.equal(6);
  });

  it('relies on polling when the folder cannot be watched (it does not exist yet), and says so', async () => {
    const later = `${dir.path}/later/index.sqlite`;
    hot = createHotIndex({ path: later, initial: toServingIndex(loadIndex(path)), load: loadIndex, build: (index) => toServingIndex(index), pollMs: 20, logger: log.logger });
    const warning = log.lines().find((entry) => entry.msg === 'cannot watch the index folder; relying on polling');
    expect(warning).to.include({ db: later, level: 40 });
    expect(warning?.err).to.have.property('code', 'ENOENT');
    mkdirSync(`${dir.path}/later`);
    renameSync(path, later);
    const index = hot;
    await waitUntil(() => index.reloads === 1, 5000, 'polling to swap the new index in');
  });

  it('keeps no timer or watch that would hold the process open', () => {
    const before = process.getActiveResourcesInfo();
    follow(50);
    expect(process.getActiveResourcesInfo()).to.deep.equal(before);
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
