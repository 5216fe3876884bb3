import { expect } from 'chai';
import {
  clusteredClassOrder,
  DEFAULT_TRAINING_OPTIONS,
  ExamplePacker,
  NEAREST_RIVALS,
  RIVAL_WINDOW,
  seededRandom,
  trainClassVectors,
  trainPackedExamples,
  type Example,
  type PackedExamples,
} from '../../src/index/train';
import { trainDenseClassVectors } from './dense-learner';

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

/**
 * A seeded corpus of `classCount` classes: each class has its own words, and shares common words and a "topic" word with
 * its neighbours, so that some features are held by most classes (kept as rows) and others by a few (kept as lists).
 */
function syntheticExamples(classCount: number, perClass: number, seed: number): Example[] {
  const random = seededRandom(seed);
  const common = ['w:what', 'w:how', 'w:my', 'w:the', 'w:can', 'w:i'];
  const examples: Example[] = [];
  for (let c = 0; c < classCount; c++) {
    for (let k = 0; k < perClass; k++) {
      const entries: [string, number][] = [
        [`w:own${c}`, 1 + random()],
        [`w:topic${c % 7}`, random()],
        [`w:near${Math.floor(c / 3)}`, random()],
        [common[Math.floor(random() * common.length)]!, random()],
        [common[Math.floor(random() * common.length)]!, random()],
        [`w:noise${Math.floor(random() * 40)}`, random()],
      ];
      const merged = new Map<string, number>();
      for (const [key, x] of entries) merged.set(key, (merged.get(key) ?? 0) + x);
      examples.push({ vector: unit([...merged]), label: c, weight: k === 0 ? 2 : 1 });
    }
  }
  return examples;
}

describe('trainClassVectors against the dense learner it replaced', () => {
  // The dense learner is the passive-aggressive one; the dual solver (the default) is compared with it further down.
  const PA = { ...DEFAULT_TRAINING_OPTIONS, solver: 'pa' } as const;

  it(`gives the dense learner's vectors, bit for bit, when every class fits the rival window (${RIVAL_WINDOW} rivals)`, () => {
    for (const [classes, perClass] of [[2, 3], [40, 5], [RIVAL_WINDOW + 1, 2]] as const) {
      const examples = syntheticExamples(classes, perClass, classes);
      const sparse = trainClassVectors(examples, classes, PA);
      const dense = trainDenseClassVectors(examples, classes, PA);
      expect(sparse.map((v) => [...v]), `${classes} classes`).to.deep.equal(dense.map((v) => [...v]));
    }
  });

  it('gives the same vectors on a four-question corpus, with other options too', () => {
    const examples: Example[] = [
      { vector: unit([['w:open', 1], ['w:sunday', 1]]), label: 0 },
      { vector: unit([['w:open', 1], ['w:weekend', 1]]), label: 0 },
      { vector: unit([['w:open', 1], ['w:account', 1]]), label: 1 },
      { vector: unit([['w:open', 1], ['w:card', 1]]), label: 1 },
    ];
    const options = { ...PA, epochs: 3, margin: 0.5, prune: 0, centroidWeight: 0.5 };
    expect(trainClassVectors(examples, 2, options).map((v) => [...v])).to.deep.equal(trainDenseClassVectors(examples, 2, options).map((v) => [...v]));
  });
});

describe('trainClassVectors with more classes than the rival window', () => {
  const classes = RIVAL_WINDOW + 40;
  const examples = syntheticExamples(classes, 3, 11);
  const vectors = trainClassVectors(examples, classes, DEFAULT_TRAINING_OPTIONS);

  it(`still learns: every training example scores highest for its own class, though only ${NEAREST_RIVALS} rivals are scored per update`, () => {
    let right = 0;
    for (const { vector, label } of examples) {
      const scores = vectors.map((v) => dot(vector, v));
      if (scores.indexOf(Math.max(...scores)) === label) right++;
    }
    expect(right / examples.length).to.equal(1);
  });

  it('learns more than the centroids: the classes that share words are pushed apart', () => {
    const centroids = trainClassVectors(examples, classes, { ...DEFAULT_TRAINING_OPTIONS, epochs: 0 });
    const margin = (vs: readonly Map<string, number>[]): number => {
      let total = 0;
      for (const { vector, label } of examples) {
        const scores = vs.map((v) => dot(vector, v));
        const own = scores[label]!;
        scores[label] = -Infinity;
        total += own - Math.max(...scores);
      }
      return total / examples.length;
    };
    expect(margin(vectors)).to.be.greaterThan(margin(centroids) + 0.1);
  });

  it('gives a class weights on a rare feature only if its own examples hold it, so memory follows the corpus', () => {
    let checked = 0;
    vectors.forEach((vector, c) => {
      const own = new Set(examples.filter((e) => e.label === c).flatMap((e) => [...e.vector.keys()]));
      // w:own<c> is held by one class and w:near<n> by three; rivals would have had negative weights on them.
      for (const key of vector.keys()) {
        if (!key.startsWith('w:own') && !key.startsWith('w:near')) continue;
        expect(own.has(key), `${key} in class ${c}`).to.equal(true);
        checked++;
      }
    });
    expect(checked).to.be.at.least(2 * classes);
  });
});

describe('trainClassVectors with the dual solver', () => {
  const dual = { ...DEFAULT_TRAINING_OPTIONS, solver: 'dual', average: false, centroidWeight: 0, prune: 0 } as const;
  const examples = syntheticExamples(30, 4, 5);
  const largestDifference = (a: readonly Map<string, number>[], b: readonly Map<string, number>[]): number => {
    let largest = 0;
    a.forEach((vector, c) => {
      for (const key of new Set([...vector.keys(), ...b[c]!.keys()])) largest = Math.max(largest, Math.abs((vector.get(key) ?? 0) - (b[c]!.get(key) ?? 0)));
    });
    return largest;
  };
  const ownIsBest = (vectors: readonly Map<string, number>[], set: readonly Example[]): number =>
    set.filter(({ vector, label }) => {
      const scores = vectors.map((v) => dot(vector, v));
      return scores.indexOf(Math.max(...scores)) === label;
    }).length / set.length;

  it('learns vectors under which every training example scores highest for its own class', () => {
    expect(ownIsBest(trainClassVectors(examples, 30, dual), examples)).to.equal(1);
  });

  it('converges whatever the order: two shuffles give nearly the same weights, where the passive-aggressive learner does not', () => {
    // The dual solver takes back pushes that later updates made unnecessary, so it ends at the max-margin weights.
    const long = { ...dual, epochs: 40 };
    const dualGap = largestDifference(trainClassVectors(examples, 30, long), trainClassVectors(examples, 30, { ...long, seed: 2 }));
    const pa = { ...long, solver: 'pa' } as const;
    const paGap = largestDifference(trainClassVectors(examples, 30, pa), trainClassVectors(examples, 30, { ...pa, seed: 2 }));
    expect(dualGap).to.be.below(0.02);
    expect(paGap).to.be.above(5 * dualGap);
  });

  it(`still learns with more classes than the rival window (${NEAREST_RIVALS} nearest rivals scored)`, () => {
    const classes = RIVAL_WINDOW + 40;
    const many = syntheticExamples(classes, 3, 11);
    expect(ownIsBest(trainClassVectors(many, classes, dual), many)).to.equal(1);
  });

  it('with averaging, shrinks the weights toward the early ones: smaller scores, the same examples separated', () => {
    const last = trainClassVectors(examples, 30, dual);
    const averaged = trainClassVectors(examples, 30, { ...dual, average: true });
    const size = (vectors: readonly Map<string, number>[]): number => vectors.reduce((sum, v) => sum + dot(v, v), 0);
    expect(size(averaged)).to.be.below(0.9 * size(last));
    expect(ownIsBest(averaged, examples)).to.equal(1);
  });
});

describe('ExamplePacker', () => {
  it('packs examples given as vocabulary ids (addIds) exactly as the same examples given as Maps (add)', () => {
    const keys = ['w:open', 'w:sunday', 'c:ope', 'w:card', 'b:<s> open'];
    const examples: [number[], number[], number, number][] = [
      [[2, 0, 1], [0.25, 0.5, 0.75], 0, 1],
      [[3], [1], 1, 2],
      [[], [], 2, 1],
      [[4, 2, 3], [0.1, 0.2, 0.3], 1, 1],
    ];
    const byMaps = new ExamplePacker();
    const byIds = new ExamplePacker();
    // The first example through add on both, so addIds meets features the packer already holds.
    byIds.add(new Map([['w:card', 0.5]]), 3);
    byMaps.add(new Map([['w:card', 0.5]]), 3);
    for (const [ids, weights, label, weight] of examples) {
      byMaps.add(new Map(ids.map((id, i) => [keys[id]!, weights[i]!])), label, weight);
      byIds.addIds(Int32Array.from([...ids, 9]), Float64Array.from([...weights, 9]), ids.length, keys, label, weight);
    }
    expect(byIds.finish()).to.deep.equal(byMaps.finish());
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

describe('the learner’s memory layout (speed only, never the vectors)', () => {
  const pack = (examples: readonly Example[]): PackedExamples => {
    const packer = new ExamplePacker();
    for (const e of examples) packer.add(e.vector, e.label, e.weight);
    return packer.finish();
  };

  it('gives the same vectors, bit for bit, with classes placed side by side by rivalry as in their own order', () => {
    for (const [classes, perClass, seed] of [[RIVAL_WINDOW + 40, 3, 11], [RIVAL_WINDOW + 200, 2, 5]] as const) {
      const packed = pack(syntheticExamples(classes, perClass, seed));
      const clustered = trainPackedExamples(packed, classes, DEFAULT_TRAINING_OPTIONS);
      const plain = trainPackedExamples(packed, classes, DEFAULT_TRAINING_OPTIONS, undefined, { clusterClasses: false });
      expect(clustered.map((v) => [...v]), `${classes} classes`).to.deep.equal(plain.map((v) => [...v]));
    }
  });

  it('places every class once, and classes that are each other’s rivals in the same cache line', () => {
    // 40 classes of one question each: even classes have only even rivals, odd classes only odd ones.
    const classes = 40;
    const rivalStart = Int32Array.from({ length: classes + 1 }, (_, row) => row * 4);
    const rivals = Int32Array.from({ length: classes * 4 }, (_, i) => {
      const row = Math.floor(i / 4);
      return (row + 2 * (1 + (i % 4))) % classes;
    });
    const classStart = Int32Array.from({ length: classes + 1 }, (_, c) => c);
    const classRows = Int32Array.from({ length: classes }, (_, row) => row);
    const slotOf = clusteredClassOrder({ classStart, classRows }, { rivalStart, rivals }, classes);
    expect([...slotOf].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: classes }, (_, i) => i));
    const lineOf = (c: number): number => Math.floor(slotOf[c]! / 16);
    for (let c = 0; c + 2 < 32; c += 2) expect(lineOf(c), `class ${c}`).to.equal(lineOf(c + 2));
    for (let c = 1; c + 2 < 33; c += 2) expect(lineOf(c), `class ${c}`).to.equal(lineOf(c + 2));
    expect(lineOf(0)).to.not.equal(lineOf(1));
  });
});
