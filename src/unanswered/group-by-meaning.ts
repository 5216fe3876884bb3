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
  /** Lowest cosine between a message's vector and a group's centre. Default 0.25: "do you repair e-scooters" and "escooter repairs?" meet at about 0.28, "do you repair e-scooters" and "do you sell gift cards" at 0.12 (over the sample corpus). */
  readonly similarity: number;
}

/** The similarity groups are made with unless told otherwise (see GroupingOptions.similarity). */
export const DEFAULT_SIMILARITY = 0.25;

interface Distinct {
  readonly text: string;
  readonly count: number;
  readonly first: number;
  readonly vector: SparseVector;
  readonly norm: number;
}

interface Cluster {
  readonly members: Distinct[];
  /** Sum of the members' vectors, each weighted by its count. */
  readonly centre: Map<string, number>;
  /** Where each feature of the centre sits in that feature's holder arrays. */
  readonly slots: Map<string, number>;
  /** Squared length of `centre`, kept up to date as members join (recomputing it per comparison made grouping quadratic in features). */
  normSq: number;
  count: number;
  readonly first: number;
}

/** How a repeated message is recognised: case and spacing do not make a new one. */
function sameMessageKey(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

function length(vector: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const value of vector.values()) sum += value * value;
  return Math.sqrt(sum);
}

function closeness(message: Distinct, cluster: Cluster): number {
  let dot = 0;
  for (const [key, value] of message.vector) dot += value * (cluster.centre.get(key) ?? 0);
  const scale = message.norm * Math.sqrt(cluster.normSq);
  return scale === 0 ? 0 : dot / scale;
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
    .map((entry) => {
      const vector = vectorize(entry.text);
      return { ...entry, vector, norm: length(vector) };
    });

  const clusters: Cluster[] = [];
  // For each feature, the clusters whose centre holds it and its weight there, in plain arrays: a message is scored
  // against only the clusters it shares a feature with, without a map lookup per pair (the inner loop of the grouping).
  const holders = new Map<string, { at: number[]; weight: number[] }>();
  const dots = new Float64Array(distinct.length);
  const touched = new Uint8Array(distinct.length);
  for (const message of distinct) {
    const scored: number[] = [];
    for (const [key, value] of message.vector) {
      const holder = holders.get(key);
      if (holder === undefined) continue;
      const { at, weight } = holder;
      for (let i = 0; i < at.length; i++) {
        const cluster = at[i]!;
        if (touched[cluster] === 0) {
          touched[cluster] = 1;
          scored.push(cluster);
        }
        dots[cluster] += value * weight[i]!;
      }
    }
    let best = -1;
    let bestScore = similarity;
    for (const cluster of scored) {
      const scale = message.norm * Math.sqrt(clusters[cluster]!.normSq);
      const score = scale === 0 ? 0 : dots[cluster]! / scale;
      if (score >= bestScore) {
        best = cluster;
        bestScore = score;
      }
      dots[cluster] = 0;
      touched[cluster] = 0;
    }
    if (best === -1) {
      best = clusters.length;
      clusters.push({ members: [], centre: new Map<string, number>(), slots: new Map<string, number>(), normSq: 0, count: 0, first: message.first });
    }
    const target = clusters[best]!;
    target.members.push(message);
    target.count += message.count;
    for (const [key, value] of message.vector) {
      const old = target.centre.get(key) ?? 0;
      const now = old + value * message.count;
      target.centre.set(key, now);
      target.normSq += now * now - old * old;
      let holder = holders.get(key);
      if (holder === undefined) holders.set(key, (holder = { at: [], weight: [] }));
      const slot = target.slots.get(key);
      if (slot === undefined) {
        target.slots.set(key, holder.at.length);
        holder.at.push(best);
        holder.weight.push(now);
      } else holder.weight[slot] = now;
    }
  }

  return clusters
    .sort((a, b) => b.count - a.count || a.first - b.first)
    .map((cluster) => {
      // The member nearest the centre stands for the group; among equals, the more frequent.
      const ranked = cluster.members
        .map((member) => ({ member, closeness: closeness(member, cluster) }))
        .sort((a, b) => b.closeness - a.closeness || b.member.count - a.member.count || a.member.first - b.member.first);
      const typical = ranked[0]!.member;
      const others = cluster.members.filter((member) => member !== typical).sort((a, b) => b.count - a.count || a.first - b.first);
      return { typical: typical.text, count: cluster.count, others: others.map((member) => member.text) };
    });
}
