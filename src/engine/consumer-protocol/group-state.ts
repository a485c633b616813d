/** ConsumerGroup.maybeUpdateGroupState: the group's state as kafka-consumer-groups --describe --state prints it. */
import type { ModernGroup, ModernGroupState } from './types';

export function modernGroupState(group: ModernGroup): ModernGroupState {
  const members = Object.values(group.members);
  if (members.length === 0) return 'EMPTY';
  if (group.groupEpoch > group.assignmentEpoch) return 'ASSIGNING';
  if (members.some((m) => m.memberEpoch !== group.assignmentEpoch || m.state !== 'STABLE'))
    return 'RECONCILING';
  return 'STABLE';
}
