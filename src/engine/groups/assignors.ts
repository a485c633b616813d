/**
 * The Java consumer's client-side assignors (the group leader runs one during SyncGroup): Range, RoundRobin,
 * Sticky and CooperativeSticky. Pure functions of the members' subscriptions, the topics' partition counts
 * and, for the sticky ones, the previous assignment. Sources: RangeAssignor.java, RoundRobinAssignor.java,
 * AbstractPartitionAssignor.java, AbstractStickyAssignor.java and CooperativeStickyAssignor.java (KIP-54,
 * KIP-341, KIP-429); KAFKA-DETAILS 2.2.
 */
import { tpKey } from '../core/types';
import { constrainedAssign, generalAssign, type StickyContext } from './sticky-assignor';

export type AssignorInput = {
  members: { memberId: string; topics: string[]; groupInstanceId?: string }[];
  partitions: Record<string, number>;
};
export type TopicPartition = { topic: string; partition: number };
export type Assignment = Record<string, TopicPartition[]>;

type Member = AssignorInput['members'][number];

/** Java String.compareTo: UTF-16 code units, which is what JavaScript's `<` compares (not localeCompare). */
export function compareJavaStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * AbstractPartitionAssignor.MemberInfo.compareTo: members with a group.instance.id first, by it; then the
 * others by member.id. So `consumer-10` sorts before `consumer-2`, and `Z` before `a`.
 */
export function compareMembers(a: Member, b: Member): number {
  if (a.groupInstanceId !== undefined && b.groupInstanceId !== undefined) {
    const byInstance = compareJavaStrings(a.groupInstanceId, b.groupInstanceId);
    if (byInstance !== 0) return byInstance;
  } else if (a.groupInstanceId !== undefined) return -1;
  else if (b.groupInstanceId !== undefined) return 1;
  return compareJavaStrings(a.memberId, b.memberId);
}

export function compareTopicPartitions(a: TopicPartition, b: TopicPartition): number {
  return compareJavaStrings(a.topic, b.topic) || a.partition - b.partition;
}

/** The partition count of a topic in the metadata; undefined for a missing topic (own keys only). */
export function partitionCount(input: AssignorInput, topic: string): number | undefined {
  return Object.hasOwn(input.partitions, topic) ? input.partitions[topic] : undefined;
}

/**
 * A record keyed by member id, every list sorted by topic then partition. Own properties are defined, so a
 * member id like "__proto__" is an ordinary key.
 */
export function toAssignment(lists: Map<string, TopicPartition[]>): Assignment {
  const out: Assignment = {};
  for (const [memberId, list] of lists) {
    Object.defineProperty(out, memberId, {
      value: [...list].sort(compareTopicPartitions),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function emptyLists(input: AssignorInput): Map<string, TopicPartition[]> {
  return new Map(input.members.map((m) => [m.memberId, []]));
}

/** The subscribed topics that exist in the metadata (AbstractPartitionAssignor's partitionsPerTopic). */
export function subscribedTopics(input: AssignorInput): string[] {
  const topics = new Set<string>();
  for (const m of input.members) {
    for (const t of m.topics) if (partitionCount(input, t) !== undefined) topics.add(t);
  }
  return [...topics].sort(compareJavaStrings);
}

/**
 * RangeAssignor: per topic, its subscribers in member order; with n partitions and c subscribers, member i
 * gets the contiguous range starting at (n/c)*i + min(i, n%c), of length n/c plus one for the first n%c.
 */
export function rangeAssign(input: AssignorInput): Assignment {
  const lists = emptyLists(input);
  const sorted = [...input.members].sort(compareMembers);
  for (const topic of subscribedTopics(input)) {
    const n = partitionCount(input, topic) ?? 0;
    const consumers = sorted.filter((m) => m.topics.includes(topic));
    const perConsumer = Math.floor(n / consumers.length);
    const withExtra = n % consumers.length;
    consumers.forEach((m, i) => {
      const start = perConsumer * i + Math.min(i, withExtra);
      const length = perConsumer + (i < withExtra ? 1 : 0);
      const list = lists.get(m.memberId)!;
      for (let p = start; p < start + length; p++) list.push({ topic, partition: p });
    });
  }
  return toAssignment(lists);
}

/**
 * RoundRobinAssignor: one circular iterator over all members in member order (it does not restart per
 * topic); each topic-partition, topics sorted, goes to the next member subscribed to its topic.
 */
export function roundRobinAssign(input: AssignorInput): Assignment {
  const lists = emptyLists(input);
  const sorted = [...input.members].sort(compareMembers);
  const subscriptions = sorted.map((m) => new Set(m.topics));
  let next = 0;
  for (const topic of subscribedTopics(input)) {
    const n = partitionCount(input, topic) ?? 0;
    for (let p = 0; p < n; p++) {
      // The topic has a subscriber (it comes from the union of subscriptions), so this loop ends.
      while (!subscriptions[next]!.has(topic)) next = (next + 1) % sorted.length;
      lists.get(sorted[next]!.memberId)!.push({ topic, partition: p });
      next = (next + 1) % sorted.length;
    }
  }
  return toAssignment(lists);
}

/**
 * The previous owners among the current members: for each partition of a subscribed, existing topic, the
 * members whose previous assignment lists it. Departed members' partitions are simply unowned.
 */
function previousClaims(input: AssignorInput, previous: Assignment): Map<string, string[]> {
  const claims = new Map<string, string[]>();
  for (const m of input.members) {
    if (!Object.hasOwn(previous, m.memberId)) continue;
    for (const tp of previous[m.memberId] ?? []) {
      const n = partitionCount(input, tp.topic);
      if (n === undefined || !Number.isInteger(tp.partition) || tp.partition < 0 || tp.partition >= n)
        continue;
      const key = tpKey(tp.topic, tp.partition);
      const owners = claims.get(key);
      if (!owners) claims.set(key, [m.memberId]);
      else if (!owners.includes(m.memberId)) owners.push(m.memberId);
    }
  }
  return claims;
}

function stickyContext(input: AssignorInput, previous: Assignment): StickyContext {
  const topics = subscribedTopics(input);
  const claims = previousClaims(input, previous);
  // A partition claimed by two members of the same generation is valid for neither
  // (AbstractStickyAssignor.allSubscriptionsEqual, partitionsWithMultiplePreviousOwners).
  const owned = new Map<string, TopicPartition[]>(input.members.map((m) => [m.memberId, []]));
  const subscriptions = new Map(input.members.map((m) => [m.memberId, new Set(m.topics)]));
  let revocationRequired = false;
  for (const topic of topics) {
    const n = partitionCount(input, topic) ?? 0;
    for (let p = 0; p < n; p++) {
      const owners = claims.get(tpKey(topic, p));
      if (owners?.length !== 1) continue;
      const owner = owners[0]!;
      if (subscriptions.get(owner)!.has(topic)) owned.get(owner)!.push({ topic, partition: p });
      else revocationRequired = true;
    }
  }
  return {
    memberIds: input.members.map((m) => m.memberId).sort(compareJavaStrings),
    subscriptions,
    partitionsPerTopic: new Map(topics.map((t) => [t, partitionCount(input, t) ?? 0])),
    owned,
    revocationRequired,
  };
}

function allSubscriptionsEqual(input: AssignorInput): boolean {
  const first = new Set(input.members[0]?.topics ?? []);
  return input.members.every((m) => {
    const topics = new Set(m.topics);
    return topics.size === first.size && [...topics].every((t) => first.has(t));
  });
}

/**
 * StickyAssignor: as balanced as round robin, moving as few previously owned partitions as possible. Equal
 * subscriptions take the "constrained" path (quotas), unequal ones the "general" path (AbstractStickyAssignor).
 */
export function stickyAssign(input: AssignorInput, previous: Assignment): Assignment {
  if (input.members.length === 0) return {};
  const context = stickyContext(input, previous);
  const lists = allSubscriptionsEqual(input) ? constrainedAssign(context) : generalAssign(context);
  // Every input member appears, in input order.
  return toAssignment(new Map(input.members.map((m) => [m.memberId, lists.get(m.memberId) ?? []])));
}

/**
 * CooperativeStickyAssignor (KIP-429), first round: the sticky assignment minus every partition that changes
 * owner, i.e. one a current member previously owned and that now goes to another member
 * (CooperativeStickyAssignor.adjustAssignment). Its old owner revokes it and rejoins; the second round, the
 * same call with previous = this result, hands it to its new owner.
 */
export function cooperativeStickyAssign(input: AssignorInput, previous: Assignment): Assignment {
  const next = stickyAssign(input, previous);
  const claims = previousClaims(input, previous);
  const lists = new Map<string, TopicPartition[]>();
  for (const [memberId, list] of Object.entries(next)) {
    lists.set(
      memberId,
      list.filter((tp) => {
        const owners = claims.get(tpKey(tp.topic, tp.partition));
        return owners === undefined || (owners.length === 1 && owners[0] === memberId);
      }),
    );
  }
  return toAssignment(lists);
}

/** What each member gives up going from `previous` to `next`: its previous partitions it no longer has. */
export function revokedPartitions(previous: Assignment, next: Assignment): Record<string, TopicPartition[]> {
  const lists = new Map<string, TopicPartition[]>();
  for (const memberId of new Set([...Object.keys(previous), ...Object.keys(next)])) {
    const kept = new Set(
      (Object.hasOwn(next, memberId) ? next[memberId]! : []).map((tp) => tpKey(tp.topic, tp.partition)),
    );
    const before = Object.hasOwn(previous, memberId) ? previous[memberId]! : [];
    lists.set(
      memberId,
      before.filter((tp) => !kept.has(tpKey(tp.topic, tp.partition))),
    );
  }
  return toAssignment(lists);
}
