/**
 * CurrentAssignmentBuilder (modern/consumer/): moves one member from its current assignment towards the
 * group's target, one safe step at a time. A member first gives up what it must (UNREVOKED_PARTITIONS,
 * its epoch unchanged); only then does it move to the target epoch, and it receives a partition only once
 * the partition's previous owner has released it (UNRELEASED_PARTITIONS until then). So no partition ever
 * has two owners, and nobody waits for anybody else's join: there is no barrier.
 */
import { tpKey } from '../core/types';
import type { TopicPartitionRef } from '../groups/types';
import { sortTps } from './assignors';
import type { ModernMember } from './types';

type Tp = TopicPartitionRef;

const has = (tps: readonly Tp[], tp: Tp) =>
  tps.some((t) => t.topic === tp.topic && t.partition === tp.partition);

export interface ReconcileContext {
  readonly targetEpoch: number;
  readonly target: readonly Tp[];
  /** The member holding a partition now (assigned or pending revocation), if any. */
  readonly ownerOf: (tp: Tp) => string | undefined;
  /** The partitions the member reported owning in the heartbeat being handled. */
  readonly ownedPartitions: readonly Tp[];
}

function ownsRevoked(pending: readonly Tp[], owned: readonly Tp[]): boolean {
  return pending.some((tp) => has(owned, tp));
}

/** computeNextAssignment: the next state towards the target from the member's assigned partitions. */
function computeNext(member: ModernMember, ctx: ReconcileContext): ModernMember {
  const target = ctx.target.filter((tp) => member.subscribedTopics.includes(tp.topic));
  const kept = member.assigned.filter((tp) => has(target, tp));
  const toRevoke = member.assigned.filter((tp) => !has(kept, tp));
  const toAssign = target.filter((tp) => !has(kept, tp));
  const free = toAssign.filter((tp) => {
    const owner = ctx.ownerOf(tp);
    return owner === undefined || (owner === member.memberId && has(member.pendingRevocation, tp));
  });
  const unreleased = free.length < toAssign.length;
  if (toRevoke.length > 0 && ownsRevoked(toRevoke, ctx.ownedPartitions))
    return {
      ...member,
      state: 'UNREVOKED_PARTITIONS',
      assigned: sortTps(kept),
      pendingRevocation: sortTps(toRevoke),
    };
  return {
    ...member,
    state: unreleased ? 'UNRELEASED_PARTITIONS' : 'STABLE',
    previousMemberEpoch:
      member.memberEpoch === ctx.targetEpoch ? member.previousMemberEpoch : member.memberEpoch,
    memberEpoch: ctx.targetEpoch,
    assigned: sortTps([...kept, ...free]),
    pendingRevocation: [],
  };
}

/** CurrentAssignmentBuilder.build(): what the member's state becomes on this heartbeat. */
export function reconcileMember(member: ModernMember, ctx: ReconcileContext): ModernMember {
  switch (member.state) {
    case 'STABLE':
      return member.memberEpoch !== ctx.targetEpoch ? computeNext(member, ctx) : member;
    case 'UNREVOKED_PARTITIONS':
      // Revoked once the member no longer reports them among its owned partitions.
      return ownsRevoked(member.pendingRevocation, ctx.ownedPartitions) ? member : computeNext(member, ctx);
    case 'UNRELEASED_PARTITIONS':
      return computeNext(member, ctx);
  }
}

export const sameTps = (a: readonly Tp[], b: readonly Tp[]) =>
  a.length === b.length && a.every((tp) => has(b, tp));

export const tpKeys = (tps: readonly Tp[]) => tps.map((tp) => tpKey(tp.topic, tp.partition));
