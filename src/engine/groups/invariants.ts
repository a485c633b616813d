/**
 * Invariants of consumer groups, checked with the core ones (invariants.ts) after every step in tests.
 * "Every subscribed partition has exactly one owner" holds only once a Stable group has settled (a
 * cooperative first round leaves moving partitions unowned, and new partitions wait for the leader's
 * metadata refresh), so the always-true form here is "at most one"; the tests check "exactly one" after
 * settling.
 */
import type { EngineState } from '../core/types';
import { LEGAL_GROUP_TRANSITIONS } from './group-state';
import { type ClassicGroup, tpKey } from './types';

function checkAssignment(group: ClassicGroup, problems: string[]): void {
  const owners = new Map<string, string>();
  for (const [memberId, partitions] of Object.entries(group.assignment)) {
    const member = group.members[memberId];
    if (!member) {
      problems.push(`group ${group.groupId}: assignment names ${memberId}, not a member`);
      continue;
    }
    for (const tp of partitions) {
      const key = tpKey(tp.topic, tp.partition);
      const other = owners.get(key);
      if (other !== undefined)
        problems.push(`group ${group.groupId}: ${key} owned by ${other} and ${memberId}`);
      owners.set(key, memberId);
      // Until the next SyncGroup the stored shares are the last generation's: only a Stable group's match
      // the subscriptions its members joined with.
      if (group.state === 'Stable' && !member.topics.includes(tp.topic))
        problems.push(`group ${group.groupId}: ${memberId} owns ${key} without subscribing to ${tp.topic}`);
    }
  }
}

function checkMembers(group: ClassicGroup, problems: string[]): void {
  const ids = group.memberIds;
  if (new Set(ids).size !== ids.length || ids.length !== Object.keys(group.members).length)
    problems.push(`group ${group.groupId}: member list and member map disagree`);
  if (group.state === 'Empty' && ids.length > 0) problems.push(`group ${group.groupId}: Empty with members`);
  if (group.state === 'Stable' && ids.length === 0)
    problems.push(`group ${group.groupId}: Stable without members`);
  if (ids.length > 0 && (group.leaderId === null || !group.members[group.leaderId]))
    problems.push(`group ${group.groupId}: no leader among its members`);
  if (!(group.state in LEGAL_GROUP_TRANSITIONS)) problems.push(`group ${group.groupId}: unknown state`);
}

/**
 * A consumer only reads, and so commits, below the high watermark. After a leader fails over, the new leader
 * learns the HW from its own followers' next fetches, so for a moment its HW may sit below offsets already
 * committed (the old leader had advanced it and died before telling the followers). The records are there:
 * a clean election picks a leader from the ISR, which holds everything below the old HW. So the check is
 * against the leader's log end offset when there is a leader, and the HW otherwise.
 */
function checkOffsets(state: EngineState, group: ClassicGroup, problems: string[]): void {
  for (const [key, committed] of Object.entries(group.offsets)) {
    const i = key.lastIndexOf('/');
    const p = state.topics[key.slice(0, i)]?.partitions[Number(key.slice(i + 1))];
    if (!p) continue;
    const leaderLeo = p.leader === null ? undefined : p.logs[p.leader]?.logEndOffset;
    const limit = Math.max(p.highWatermark, leaderLeo ?? 0);
    if (committed.offset > limit)
      problems.push(
        `group ${group.groupId}: ${key} committed ${committed.offset} above HW ${p.highWatermark} and the leader's LEO ${leaderLeo ?? '-'}`,
      );
  }
}

/**
 * Client side: a consumer only consumes topics it subscribes to, and no two running members of one group's
 * current generation hold the same partition.
 */
function checkClients(state: EngineState, problems: string[]): void {
  const owners = new Map<string, string>();
  for (const c of Object.values(state.groups.consumers)) {
    if (c.status === 'dead' || c.status === 'closed') continue;
    for (const tp of c.owned)
      if (!c.config.topics.includes(tp.topic))
        problems.push(`${c.id} consumes ${tp.topic} without subscribing`);
    if (c.status !== 'stable') continue;
    const group = state.groups.groups[c.group];
    if (!group || group.generationId !== c.generationId || !group.members[c.memberId]) continue;
    for (const tp of c.owned) {
      const key = `${c.group}|${tpKey(tp.topic, tp.partition)}`;
      const other = owners.get(key);
      if (other !== undefined) problems.push(`group ${c.group}: ${other} and ${c.id} both consume ${key}`);
      owners.set(key, c.id);
    }
  }
}

export function checkGroupInvariants(state: EngineState): string[] {
  const problems: string[] = [];
  for (const group of Object.values(state.groups.groups)) {
    checkMembers(group, problems);
    checkAssignment(group, problems);
    checkOffsets(state, group, problems);
  }
  checkClients(state, problems);
  return problems;
}
