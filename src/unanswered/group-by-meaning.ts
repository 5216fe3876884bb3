import { type SparseVector } from '../index/tfidf';

/** Messages that mean the same thing, as one row of the report. */
export interface MessageGroup {
  /** The message most like the rest of its group (nearest the group's centre). */
  readonly typical: string;
  /** How many messages the group holds, repeats included. */
  readonly count: number;
  /** The group's other distinct messages, most frequent first. */
  readonly others: readonly string[];
}

/** How close a message must be to a group to join it. */
export interface GroupingOptions {
  /** Lowest cosine between a message's vector and a group's centre. Default 0.22: "do you repair e-scooters" and "escooter repairs?" meet at about 0.29, "do you repair e-scooters" and "do you sell gift cards" at 0.11. */
  readonly similarity: number;
}

export const DEFAULT_SIMILARITY = 0.22;

interface Distinct {
  readonly text: string;
  readonly count: number;
  readonly first: number;
  readonly vector: SparseVector;
}

interface Cluster {
  readonly members: Distinct[];
  /** Sum of the members' unit vectors, each weighted by its count. */
  readonly centre: Map<string, number>;
  count: number;
  readonly first: number;
}

/** How a repeated message is recognised: case and spacing do not make a new one. */
function sameMessageKey(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

function dot(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [key, value] of small) sum += value * (large.get(key) ?? 0);
  return sum;
}

function norm(vector: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const value of vector.values()) sum += value * value;
  return Math.sqrt(sum);
}

function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const length = norm(a) * norm(b);
  return length === 0 ? 0 : dot(a, b) / length;
}

/**
 * Groups messages by meaning with single-pass leader clustering over their vectors: distinct messages, most frequent
 * first, each join the group whose centre is nearest by cosine if it is at least `similarity`, else start a new one.
 * Messages without any feature group only with their own repeats. Groups come back largest first (ties: first seen).
 */
export function groupByMeaning(texts: readonly string[], vectorize: (text: string) => SparseVector, options: Partial<GroupingOptions> = {}): MessageGroup[] {
  const similarity = options.similarity ?? DEFAULT_SIMILARITY;
  const byKey = new Map<string, { text: string; count: number; first: number }>();
  texts.forEach((text, i) => {
    const key = sameMessageKey(text);
    if (key === '') return;
    const seen = byKey.get(key);
    if (seen === undefined) byKey.set(key, { text: text.trim(), count: 1, first: i });
    else seen.count++;
  });
  const distinct: Distinct[] = [...byKey.values()]
    .sort((a, b) => b.count - a.count || a.first - b.first)
    .map((entry) => ({ ...entry, vector: vectorize(entry.text) }));

  const clusters: Cluster[] = [];
  for (const message of distinct) {
    let best: Cluster | null = null;
    let bestScore = similarity;
    if (message.vector.size > 0) {
      for (const cluster of clusters) {
        const score = cosine(message.vector, cluster.centre);
        if (score >= bestScore) {
          best = cluster;
          bestScore = score;
        }
      }
    }
    const target = best ?? { members: [], centre: new Map<string, number>(), count: 0, first: message.first };
    if (best === null) clusters.push(target);
    target.members.push(message);
    target.count += message.count;
    for (const [key, value] of message.vector) target.centre.set(key, (target.centre.get(key) ?? 0) + value * message.count);
  }

  return clusters
    .sort((a, b) => b.count - a.count || a.first - b.first)
    .map((cluster) => {
      // The member nearest the centre stands for the group; among equals, the more frequent.
      const ranked = cluster.members
        .map((member) => ({ member, closeness: cosine(member.vector, cluster.centre) }))
        .sort((a, b) => b.closeness - a.closeness || b.member.count - a.member.count || a.member.first - b.member.first);
      const typical = ranked[0]!.member;
      const others = cluster.members.filter((member) => member !== typical).sort((a, b) => b.count - a.count || a.first - b.first);
      return { typical: typical.text, count: cluster.count, others: others.map((member) => member.text) };
    });
}
