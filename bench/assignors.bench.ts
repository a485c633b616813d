/**
 * Issue 4, point 3: how many assignments per second the group leader can compute for 100 members over 1,000
 * partitions, as one topic of 1,000 and as 10 topics of 100. Sticky starts from the round-robin assignment of
 * the same group with one member gone, the rebalance a scene shows most.
 */
import {
  type AssignorInput,
  rangeAssign,
  roundRobinAssign,
  stickyAssign,
} from '../src/engine/groups/assignors';
import { type BenchRow, opsPerSecond } from './types';

const MEMBER_COUNT = 100;

function group(topicCount: number, partitionsPerTopic: number): AssignorInput {
  const topics = Array.from({ length: topicCount }, (_, i) => `topic-${i}`);
  return {
    members: Array.from({ length: MEMBER_COUNT }, (_, i) => ({ memberId: `consumer-${i}-uuid`, topics })),
    partitions: Object.fromEntries(topics.map((t) => [t, partitionsPerTopic])),
  };
}

export default function assignorsBench(): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const [label, input] of [
    ['1 topic x 1000', group(1, 1000)],
    ['10 topics x 100', group(10, 100)],
  ] as const) {
    const previous = roundRobinAssign(input);
    const survivors = { ...input, members: input.members.filter((m) => m.memberId !== 'consumer-42-uuid') };
    const count = (a: Record<string, unknown[]>): number => Object.keys(a).length;
    rows.push(
      {
        name: `range, 100 members, ${label}`,
        value: opsPerSecond(() => count(rangeAssign(input))),
        unit: 'assignments/s',
      },
      {
        name: `roundRobin, 100 members, ${label}`,
        value: opsPerSecond(() => count(roundRobinAssign(input))),
        unit: 'assignments/s',
      },
      {
        name: `sticky after a member left, 99 members, ${label}`,
        value: opsPerSecond(() => count(stickyAssign(survivors, previous))),
        unit: 'assignments/s',
      },
    );
  }
  return rows;
}
