/**
 * The broker's assignors of the consumer protocol (group-coordinator/.../assignor/): they compute the
 * group's target assignment from the members' subscriptions and the previous target, on the coordinator,
 * whenever the group epoch moved past the assignment epoch. The client no longer assigns.
 */
import { type TpKey, tpKey } from '../core/types';
import type { TopicPartitionRef } from '../groups/types';
import type { ServerAssignorName } from './types';

export interface AssignmentInput {
  /** The members in the order the assignor walks them. */
  readonly memberOrder: readonly string[];
  readonly subscriptions: Readonly<Record<string, readonly string[]>>;
  /** The previous target assignment (empty for a member that just joined). */
  readonly previous: Readonly<Record<string, readonly TopicPartitionRef[]>>;
  readonly partitionCounts: Readonly<Record<string, number>>;
}

export type TargetAssignment = Record<string, TopicPartitionRef[]>;

const byTopicThenPartition = (a: TopicPartitionRef, b: TopicPartitionRef) =>
  a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition;

export function sortTps(tps: readonly TopicPartitionRef[]): TopicPartitionRef[] {
  return [...tps].sort(byTopicThenPartition);
}

/**
 * UniformHomogeneousAssignmentBuilder (the uniform assignor when every member subscribes to the same
 * topics): balance first, then stickiness. Each member keeps up to its quota (total / members, the first
 * total % members in order get one more) of its previous target; the rest, with the partitions nobody
 * had, go in ascending order to the members under their quota, in order.
 */
function uniformFor(
  members: readonly string[],
  topics: readonly string[],
  input: AssignmentInput,
  target: TargetAssignment,
  taken: Set<TpKey>,
): void {
  if (members.length === 0) return;
  const subscribed = new Set(topics);
  const unassigned: TopicPartitionRef[] = [];
  let total = 0;
  const previouslyHeld = new Set<TpKey>();
  for (const m of members)
    for (const tp of input.previous[m] ?? [])
      if (subscribed.has(tp.topic)) previouslyHeld.add(tpKey(tp.topic, tp.partition));
  for (const topic of [...topics].sort()) {
    const count = input.partitionCounts[topic] ?? 0;
    total += count;
    for (let p = 0; p < count; p++)
      if (!previouslyHeld.has(tpKey(topic, p)) && !taken.has(tpKey(topic, p)))
        unassigned.push({ topic, partition: p });
  }
  const minQuota = Math.floor(total / members.length);
  let extra = total % members.length;
  const unfilled: { member: string; quota: number }[] = [];
  for (const m of members) {
    let quota = minQuota;
    if (extra > 0) {
      quota++;
      extra--;
    }
    const kept: TopicPartitionRef[] = target[m] ?? [];
    for (const tp of sortTps(input.previous[m] ?? [])) {
      if (!subscribed.has(tp.topic) || tp.partition >= (input.partitionCounts[tp.topic] ?? 0)) continue;
      if (quota > 0) {
        kept.push(tp);
        quota--;
      } else unassigned.push(tp);
    }
    target[m] = kept;
    if (quota > 0) unfilled.push({ member: m, quota });
  }
  let next = 0;
  for (const { member, quota } of unfilled)
    for (let i = 0; i < quota && next < unassigned.length; i++) target[member]!.push(unassigned[next++]!);
  for (const tp of unassigned) taken.add(tpKey(tp.topic, tp.partition));
  for (const m of members) for (const tp of target[m]!) taken.add(tpKey(tp.topic, tp.partition));
}

/**
 * The uniform assignor. Members with different subscriptions are assigned topic by topic among each
 * topic's subscribers (Kafka's GeneralUniformAssignmentBuilder balances across topics as well: the
 * scenes subscribe every member to the same topics, where both builders agree).
 */
function uniform(input: AssignmentInput): TargetAssignment {
  const target: TargetAssignment = {};
  for (const m of input.memberOrder) target[m] = [];
  const signatures = new Set(
    input.memberOrder.map((m) => [...(input.subscriptions[m] ?? [])].sort().join(',')),
  );
  const taken = new Set<TpKey>();
  if (signatures.size <= 1) {
    const topics = input.subscriptions[input.memberOrder[0] ?? ''] ?? [];
    uniformFor(input.memberOrder, topics, input, target, taken);
  } else {
    const topics = [...new Set(input.memberOrder.flatMap((m) => input.subscriptions[m] ?? []))].sort();
    for (const topic of topics) {
      const members = input.memberOrder.filter((m) => input.subscriptions[m]?.includes(topic));
      const perTopic: TargetAssignment = {};
      uniformFor(members, [topic], input, perTopic, taken);
      for (const m of members) target[m]!.push(...perTopic[m]!);
    }
  }
  for (const m of input.memberOrder) target[m] = sortTps(target[m]!);
  return target;
}

/**
 * The range assignor (RangeAssignor): per topic, its subscribers in order each take a contiguous range,
 * the first count % members one partition more. Kafka 4.x's also keeps a member's previous partitions
 * where the ranges allow; the simulator's ranges are the classic ones.
 */
function range(input: AssignmentInput): TargetAssignment {
  const target: TargetAssignment = {};
  for (const m of input.memberOrder) target[m] = [];
  const topics = [...new Set(input.memberOrder.flatMap((m) => input.subscriptions[m] ?? []))].sort();
  for (const topic of topics) {
    const members = input.memberOrder.filter((m) => input.subscriptions[m]?.includes(topic));
    const count = input.partitionCounts[topic] ?? 0;
    const per = Math.floor(count / members.length);
    const extra = count % members.length;
    let next = 0;
    members.forEach((m, i) => {
      const n = per + (i < extra ? 1 : 0);
      for (let k = 0; k < n; k++) target[m]!.push({ topic, partition: next++ });
    });
  }
  return target;
}

export function computeTargetAssignment(
  assignor: ServerAssignorName,
  input: AssignmentInput,
): TargetAssignment {
  return assignor === 'range' ? range(input) : uniform(input);
}
