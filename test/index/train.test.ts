import { expect } from 'chai';
import { seededRandom, trainClassVectors, DEFAULT_TRAINING_OPTIONS, type Example } from '../../src/index/train';

const dot = (a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number => {
  let sum = 0;
  for (const [k, x] of a) sum += x * (b.get(k) ?? 0);
  return sum;
};
const unit = (entries: [string, number][]): Map<string, number> => {
  const length = Math.sqrt(entries.reduce((s, [, x]) => s + x * x, 0));
  return new Map(entries.map(([k, x]) => [k, x / length]));
};

describe('trainClassVectors', () => {
  // Two classes that share a word; only the second word tells them apart.
  const examples: Example[] = [
    { vector: unit([['w:open', 1], ['w:sunday', 1]]), label: 0 },
    { vector: unit([['w:open', 1], ['w:weekend', 1]]), label: 0 },
    { vector: unit([['w:open', 1], ['w:account', 1]]), label: 1 },
    { vector: unit([['w:open', 1], ['w:card', 1]]), label: 1 },
  ];

  it('learns vectors under which every training example scores highest for its own class', () => {
    const vectors = trainClassVectors(examples, 2, DEFAULT_TRAINING_OPTIONS);
    for (const { vector, label } of examples) {
      const scores = vectors.map((v) => dot(vector, v));
      expect(scores.indexOf(Math.max(...scores))).to.equal(label);
    }
  });

  it('is reproducible: the same examples and seed give the same vectors', () => {
    const a = trainClassVectors(examples, 2, DEFAULT_TRAINING_OPTIONS);
    const b = trainClassVectors(examples, 2, DEFAULT_TRAINING_OPTIONS);
    expect(a.map((v) => [...v])).to.deep.equal(b.map((v) => [...v]));
  });

  it('with no training passes, stores each class centroid', () => {
    const [first] = trainClassVectors(examples, 2, { ...DEFAULT_TRAINING_OPTIONS, epochs: 0 });
    expect(first!.get('w:sunday')).to.be.closeTo(first!.get('w:weekend')!, 1e-6);
    expect(first!.has('w:card')).to.equal(false);
  });

  it('prunes weights below the given share of the class’s largest', () => {
    const all = trainClassVectors(examples, 2, { ...DEFAULT_TRAINING_OPTIONS, prune: 0 });
    const pruned = trainClassVectors(examples, 2, { ...DEFAULT_TRAINING_OPTIONS, prune: 0.9 });
    expect(pruned[0]!.size).to.be.lessThan(all[0]!.size);
  });

  it('reports progress up to the total', () => {
    const seen: [number, number][] = [];
    trainClassVectors(examples, 2, DEFAULT_TRAINING_OPTIONS, (done, total) => seen.push([done, total]));
    expect(seen.at(-1)).to.deep.equal([20, 20]);
  });
});

describe('seededRandom', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    for (let i = 0; i < 100; i++) {
      const x = a();
      expect(x).to.equal(b());
      expect(x).to.be.at.least(0).and.below(1);
    }
  });
});
