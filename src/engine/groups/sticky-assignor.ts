/**
 * The two paths of AbstractStickyAssignor (Kafka 3.5+, without racks), shared by the Sticky and
 * CooperativeSticky assignors in assignors.ts. Java iterates some HashMaps here; this port iterates members
 * in member-id order (Java String order, as its own Collections.sort calls do), so it is deterministic.
 */
import { tpKey } from '../core/types';
import type { TopicPartition } from './assignors';

export type StickyContext = {
  /** Member ids in Java String order. */
  memberIds: string[];
  subscriptions: Map<string, Set<string>>;
  /** The subscribed topics that exist, with their partition counts, topics in Java String order. */
  partitionsPerTopic: Map<string, number>;
  /** Each member's valid previously owned partitions (existing, subscribed, claimed by it alone). */
  owned: Map<string, TopicPartition[]>;
  /** Some member owned a partition of an existing topic it no longer subscribes to. */
  revocationRequired: boolean;
};

type Lists = Map<string, TopicPartition[]>;

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const key = (tp: TopicPartition): string => tpKey(tp.topic, tp.partition);

function allPartitions(topics: Iterable<string>, partitionsPerTopic: Map<string, number>): TopicPartition[] {
  const out: TopicPartition[] = [];
  for (const topic of topics) {
    const n = partitionsPerTopic.get(topic) ?? 0;
    for (let p = 0; p < n; p++) out.push({ topic, partition: p });
  }
  return out;
}

/**
 * ConstrainedAssignmentBuilder, for equal subscriptions. minQuota = floor(P/N), maxQuota = ceil(P/N), and
 * P % N members may hold maxQuota. Each member keeps its owned partitions (sorted by partition, then topic) up
 * to minQuota, or maxQuota while fewer than P % N members hold that many; the rest are revoked. Then members
 * under minQuota, sorted, are filled round robin from the sorted unassigned partitions, and the members at
 * minQuota take what is left, first come first served.
 */
export function constrainedAssign(ctx: StickyContext): Lists {
  const total = [...ctx.partitionsPerTopic.values()].reduce((s, n) => s + n, 0);
  const members = ctx.memberIds.length;
  const minQuota = Math.floor(total / members);
  const maxQuota = Math.ceil(total / members);
  const expectedOverMin = total % members;
  let currentOverMin = 0;
  const assignment: Lists = new Map(ctx.memberIds.map((m) => [m, []]));
  const assigned = new Set<string>();
  const underMin: string[] = [];
  let exactlyMin: string[] = [];

  for (const memberId of ctx.memberIds) {
    const owned = [...(ctx.owned.get(memberId) ?? [])].sort(
      (a, b) => a.partition - b.partition || cmp(a.topic, b.topic),
    );
    const keep = (count: number): void => {
      for (const tp of owned.slice(0, count)) {
        assignment.get(memberId)!.push(tp);
        assigned.add(key(tp));
      }
    };
    if (owned.length < minQuota) {
      keep(owned.length);
      underMin.push(memberId);
    } else if (owned.length >= maxQuota && currentOverMin < expectedOverMin) {
      keep(maxQuota);
      currentOverMin++;
      if (currentOverMin === expectedOverMin) exactlyMin = [];
    } else {
      keep(minQuota);
      if (currentOverMin < expectedOverMin) exactlyMin.push(memberId);
    }
  }

  const topics = [...ctx.partitionsPerTopic.keys()].sort(cmp);
  const unassigned = allPartitions(topics, ctx.partitionsPerTopic).filter((tp) => !assigned.has(key(tp)));
  underMin.sort(cmp);
  exactlyMin.sort(cmp);

  // assignRoundRobin: an iterator over the members under minQuota that restarts at their head, removing a
  // member as it reaches minQuota (it then joins the members that may still take one more).
  let cursor = 0;
  for (const tp of unassigned) {
    let memberId: string;
    let fromUnder = false;
    if (cursor < underMin.length) {
      memberId = underMin[cursor++]!;
      fromUnder = true;
    } else if (underMin.length > 0) {
      cursor = 0;
      memberId = underMin[cursor++]!;
      fromUnder = true;
    } else if (exactlyMin.length > 0) {
      memberId = exactlyMin.shift()!;
    } else {
      // Unreachable when the quotas add up: Java throws IllegalStateException("No more unfilled consumers").
      throw new Error('constrainedAssign: no member left under quota');
    }
    const list = assignment.get(memberId)!;
    list.push(tp);
    if (list.length === minQuota && fromUnder) {
      underMin.splice(--cursor, 1);
      exactlyMin.push(memberId);
    } else if (list.length === maxQuota) {
      currentOverMin++;
    }
  }
  return assignment;
}

/** PartitionMovements: remembers moves per topic so a later move can undo an earlier one instead. */
class PartitionMovements {
  private readonly moves = new Map<string, { tp: TopicPartition; src: string; dst: string }>();
  private readonly byTopic = new Map<string, Map<string, Map<string, TopicPartition>>>();

  private pairKey(src: string, dst: string): string {
    return `${src}\u0000${dst}`;
  }

  private remove(tp: TopicPartition): { src: string; dst: string } {
    const move = this.moves.get(key(tp))!;
    this.moves.delete(key(tp));
    const topicMoves = this.byTopic.get(tp.topic)!;
    const pair = this.pairKey(move.src, move.dst);
    topicMoves.get(pair)!.delete(key(tp));
    if (topicMoves.get(pair)!.size === 0) topicMoves.delete(pair);
    if (topicMoves.size === 0) this.byTopic.delete(tp.topic);
    return move;
  }

  private add(tp: TopicPartition, src: string, dst: string): void {
    this.moves.set(key(tp), { tp, src, dst });
    const topicMoves = this.byTopic.get(tp.topic) ?? new Map<string, Map<string, TopicPartition>>();
    this.byTopic.set(tp.topic, topicMoves);
    const pair = this.pairKey(src, dst);
    const set = topicMoves.get(pair) ?? new Map<string, TopicPartition>();
    topicMoves.set(pair, set);
    set.set(key(tp), tp);
  }

  move(tp: TopicPartition, oldOwner: string, newOwner: string): void {
    if (!this.moves.has(key(tp))) {
      this.add(tp, oldOwner, newOwner);
      return;
    }
    const existing = this.remove(tp);
    if (existing.src !== newOwner) this.add(tp, existing.src, newOwner);
  }

  /** getTheActualPartitionToBeMoved: prefer moving back a partition of the same topic that came the other way. */
  actualPartitionToMove(tp: TopicPartition, oldOwner: string, newOwner: string): TopicPartition {
    const topicMoves = this.byTopic.get(tp.topic);
    if (!topicMoves) return tp;
    const src = this.moves.get(key(tp))?.src ?? oldOwner;
    const reverse = topicMoves.get(this.pairKey(newOwner, src));
    return reverse ? reverse.values().next().value! : tp;
  }
}

/**
 * GeneralAssignmentBuilder, for unequal subscriptions: keep every valid owned partition, give each unassigned
 * one (topics with fewer potential consumers first) to the least-loaded subscribed member, then move
 * partitions to less-loaded members while that improves the balance, and keep the result only if its balance
 * score beats the one before the moves.
 */
export function generalAssign(ctx: StickyContext): Lists {
  return new GeneralAssignment(ctx).build();
}

class GeneralAssignment {
  private readonly potential = new Map<string, string[]>();
  private readonly current: Lists;
  private readonly owner = new Map<string, string>();
  private readonly movements = new PartitionMovements();
  /** The members taking part in the balancing (Java's sortedCurrentSubscriptions). */
  private participants: string[];

  constructor(private readonly ctx: StickyContext) {
    for (const topic of ctx.partitionsPerTopic.keys()) {
      this.potential.set(
        topic,
        ctx.memberIds.filter((m) => ctx.subscriptions.get(m)!.has(topic)),
      );
    }
    this.current = new Map(ctx.memberIds.map((m) => [m, [...(ctx.owned.get(m) ?? [])]]));
    for (const [m, list] of this.current) for (const tp of list) this.owner.set(key(tp), m);
    this.participants = [...ctx.memberIds];
  }

  private count(memberId: string): number {
    return this.current.get(memberId)!.length;
  }

  /** The first member in (count, member id) order that subscribes to the topic. */
  private leastLoaded(topic: string): string | undefined {
    let best: string | undefined;
    for (const m of this.participants) {
      if (!this.ctx.subscriptions.get(m)!.has(topic)) continue;
      if (best === undefined || this.count(m) < this.count(best)) best = m;
    }
    return best;
  }

  private maxAssignmentSize(memberId: string): number {
    let size = 0;
    for (const t of this.ctx.subscriptions.get(memberId)!) size += this.ctx.partitionsPerTopic.get(t) ?? 0;
    return size;
  }

  build(): Lists {
    const topicOrder = [...this.ctx.partitionsPerTopic.keys()].sort(
      (a, b) => this.potential.get(a)!.length - this.potential.get(b)!.length || cmp(a, b),
    );
    let sortedAll = allPartitions(topicOrder, this.ctx.partitionsPerTopic);
    let unassigned = sortedAll.filter((tp) => !this.owner.has(key(tp)));
    const initializing = this.ctx.memberIds.every((m) => this.count(m) === 0);

    for (const tp of unassigned) {
      const m = this.leastLoaded(tp.topic);
      if (m === undefined) continue;
      this.current.get(m)!.push(tp);
      this.owner.set(key(tp), m);
    }

    // Only topics with two or more potential consumers, and members that could change, take part.
    const movable = (tp: TopicPartition): boolean => this.potential.get(tp.topic)!.length >= 2;
    sortedAll = sortedAll.filter(movable);
    unassigned = unassigned.filter(movable);
    this.participants = this.participants.filter(
      (m) => this.count(m) < this.maxAssignmentSize(m) || this.current.get(m)!.some(movable),
    );

    const before = new Map(this.participants.map((m) => [m, [...this.current.get(m)!]]));
    const ownerBefore = new Map(this.owner);
    if (!this.ctx.revocationRequired) this.performReassignments(unassigned);
    const reassigned = this.performReassignments(sortedAll);
    if (!initializing && reassigned && this.balanceScore(this.current) >= this.balanceScore(before)) {
      for (const [m, list] of before) this.current.set(m, list);
      this.owner.clear();
      for (const [k, m] of ownerBefore) this.owner.set(k, m);
    }
    return this.current;
  }

  private performReassignments(partitions: TopicPartition[]): boolean {
    let performed = false;
    let modified: boolean;
    do {
      modified = false;
      for (const tp of partitions) {
        if (this.isBalanced()) break;
        const owner = this.owner.get(key(tp));
        if (owner === undefined) continue;
        for (const other of this.potential.get(tp.topic)!) {
          if (this.count(owner) > this.count(other) + 1) {
            this.reassign(tp);
            performed = modified = true;
            break;
          }
        }
      }
    } while (modified);
    return performed;
  }

  private reassign(tp: TopicPartition): void {
    const newOwner = this.leastLoaded(tp.topic)!;
    const oldOwner = this.owner.get(key(tp))!;
    const moved = this.movements.actualPartitionToMove(tp, oldOwner, newOwner);
    const from = this.owner.get(key(moved))!;
    this.movements.move(moved, from, newOwner);
    const list = this.current.get(from)!;
    list.splice(
      list.findIndex((x) => key(x) === key(moved)),
      1,
    );
    this.current.get(newOwner)!.push(moved);
    this.owner.set(key(moved), newOwner);
  }

  /** Counts differ by at most one, or no member could take a partition from one with two more. */
  private isBalanced(): boolean {
    const counts = this.participants.map((m) => this.count(m));
    if (counts.length === 0 || Math.min(...counts) >= Math.max(...counts) - 1) return true;
    for (const m of this.participants) {
      const mine = this.count(m);
      if (mine === this.maxAssignmentSize(m)) continue;
      for (const topic of this.ctx.subscriptions.get(m)!) {
        const n = this.ctx.partitionsPerTopic.get(topic) ?? 0;
        for (let p = 0; p < n; p++) {
          const other = this.owner.get(key({ topic, partition: p }));
          if (other !== undefined && other !== m && mine + 1 < this.count(other)) return false;
        }
      }
    }
    return true;
  }

  /** The sum, over every pair of members, of the difference of their partition counts. */
  private balanceScore(lists: Lists): number {
    const counts = [...lists.keys()]
      .filter((m) => this.participants.includes(m))
      .map((m) => lists.get(m)!.length);
    let score = 0;
    for (let i = 0; i < counts.length; i++)
      for (let j = i + 1; j < counts.length; j++) score += Math.abs(counts[i]! - counts[j]!);
    return score;
  }
}
