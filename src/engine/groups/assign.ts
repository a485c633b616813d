/**
 * The group leader's part of SyncGroup: it runs the assignor the coordinator chose over every member's
 * subscription and the partition counts in its metadata (ConsumerCoordinator.onLeaderElected). The
 * assignors themselves live in ../assignors.ts.
 */

import type { EngineState } from '../core/types';
import {
  type Assignment,
  cooperativeStickyAssign,
  rangeAssign,
  roundRobinAssign,
  stickyAssign,
} from './assignors';
import type { AssignorName, TopicPartitionRef } from './types';

export interface MemberSubscription {
  readonly memberId: string;
  readonly groupInstanceId: string | null;
  readonly topics: readonly string[];
  readonly ownedPartitions: readonly TopicPartitionRef[];
  readonly previousPartitions: readonly TopicPartitionRef[];
}

/** The partition counts of the subscribed topics that exist: the leader's metadata. */
export function partitionCounts(state: EngineState, topics: Iterable<string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const t of topics) {
    const topic = Object.hasOwn(state.topics, t) ? state.topics[t] : undefined;
    if (topic) counts[t] = topic.partitions.length;
  }
  return counts;
}

/**
 * Sticky keeps what its userData says a member had before the eager revocation; cooperative-sticky keeps
 * what the members still own (their ownedPartitions, KIP-429).
 */
export function computeAssignment(
  state: EngineState,
  assignor: AssignorName,
  members: readonly MemberSubscription[],
): Assignment {
  const input = {
    members: members.map((m) => ({
      memberId: m.memberId,
      topics: [...m.topics],
      ...(m.groupInstanceId !== null ? { groupInstanceId: m.groupInstanceId } : {}),
    })),
    partitions: partitionCounts(
      state,
      members.flatMap((m) => m.topics),
    ),
  };
  const previous = (pick: (m: MemberSubscription) => readonly TopicPartitionRef[]): Assignment =>
    Object.fromEntries(members.map((m) => [m.memberId, [...pick(m)]]));
  switch (assignor) {
    case 'range':
      return rangeAssign(input);
    case 'roundrobin':
      return roundRobinAssign(input);
    case 'sticky':
      return stickyAssign(
        input,
        previous((m) => m.previousPartitions),
      );
    case 'cooperative-sticky':
      return cooperativeStickyAssign(
        input,
        previous((m) => m.ownedPartitions),
      );
  }
}
