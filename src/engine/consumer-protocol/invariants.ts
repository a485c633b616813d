/**
 * The consumer protocol's invariants (checked by core/invariants.ts): a partition has at most one owner
 * in a group, on the coordinator and among the running consumers, at every instant; the coordinator's
 * partition owners are exactly its members' assigned and pending partitions; epochs never run ahead.
 */
import { type EngineState, tpKey } from '../core/types';

export function checkModernGroupInvariants(state: EngineState): string[] {
  const problems: string[] = [];
  const slice = state.modernGroups;
  for (const group of Object.values(slice.groups)) {
    const g = group.groupId;
    if (group.assignmentEpoch > group.groupEpoch)
      problems.push(`${g}: assignment epoch past the group epoch`);
    const held = new Map<string, string>();
    for (const m of Object.values(group.members)) {
      if (m.memberEpoch > group.assignmentEpoch)
        problems.push(`${g}: member ${m.memberId} at epoch ${m.memberEpoch} past the assignment epoch`);
      for (const tp of [...m.assigned, ...m.pendingRevocation]) {
        const k = tpKey(tp.topic, tp.partition);
        if (held.has(k))
          problems.push(`${g}: ${k} held by ${held.get(k)} and ${m.memberId} on the coordinator`);
        held.set(k, m.memberId);
        if (group.partitionOwners[k]?.memberId !== m.memberId)
          problems.push(`${g}: ${k} of ${m.memberId} missing from the partition owners`);
      }
    }
    for (const [k, owner] of Object.entries(group.partitionOwners))
      if (held.get(k) !== owner.memberId)
        problems.push(`${g}: stale partition owner ${owner.memberId} of ${k}`);
    const targeted = new Set<string>();
    for (const tps of Object.values(group.target))
      for (const tp of tps) {
        const k = tpKey(tp.topic, tp.partition);
        if (targeted.has(k)) problems.push(`${g}: ${k} twice in the target assignment`);
        targeted.add(k);
      }
  }
  const owners = new Map<string, string>();
  for (const c of Object.values(slice.consumers)) {
    if (c.status === 'dead' || c.status === 'closed') continue;
    for (const tp of c.owned) {
      const k = `${c.group}|${tpKey(tp.topic, tp.partition)}`;
      if (owners.has(k)) problems.push(`${k} owned by ${owners.get(k)} and ${c.id} at once`);
      owners.set(k, c.id);
    }
  }
  return problems;
}
