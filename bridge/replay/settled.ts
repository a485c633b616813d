/**
 * What a replayed step's actions still wait for on the cluster, one check each: a console consumer that
 * exited, a group not Stable with the members the scene's consumers make, an ISR that has not yet dropped a
 * killed broker or taken a restarted one back. Each answers a sentence, or null once settled.
 */
import type { Admin } from 'kafkajs';
import { type AddConsumer, type ConsumerProcess, running } from './console-consumer';

const JAVA_SESSION_TIMEOUT_MS = 45_000;

export interface ConsumerSlot {
  command: AddConsumer;
  process: ConsumerProcess | null;
  /** When it was killed (a crash): the coordinator still counts it until its session runs out. */
  killedAt: number | null;
}

export function exitedConsumer(consumers: Iterable<ConsumerSlot>): string | null {
  for (const slot of consumers)
    if (slot.process && !running(slot.process))
      return `consumer ${slot.command.consumer} exited: ${slot.process.errors().split('\n').slice(-3).join(' ')}`;
  return null;
}

/** The first group whose state or member count is not yet what the scene's consumers make. */
export async function unsettledGroup(
  admin: Admin,
  consumers: Iterable<ConsumerSlot>,
  groups: Iterable<string>,
  real: (name: string) => string,
): Promise<string | null> {
  const slots = [...consumers];
  for (const group of groups) {
    const expected = slots.filter(
      (s) =>
        real(s.command.group) === group &&
        (s.process !== null ||
          (s.killedAt !== null &&
            Date.now() - s.killedAt < (s.command.sessionTimeoutMs ?? JAVA_SESSION_TIMEOUT_MS))),
    ).length;
    const g = (await admin.describeGroups([group])).groups[0];
    const members = g?.members.length ?? 0;
    if (expected === 0 ? members !== 0 : g?.state !== 'Stable' || members !== expected)
      return `group ${group}: ${g?.state ?? 'unknown'} with ${members} members, ${expected} expected`;
  }
  return null;
}

/** Whether every partition the broker replicates shows it out of the ISR (down) or back in it (up). */
export async function unsettledIsr(
  admin: Admin,
  topics: Iterable<string>,
  wait: { broker: number; down: boolean },
): Promise<string | null> {
  const { broker, down } = wait;
  const meta = await admin.fetchTopicMetadata({ topics: [...topics] });
  const parts = meta.topics.flatMap((t) => t.partitions).filter((p) => p.replicas.includes(broker));
  const settled = parts.every((p) =>
    down ? !p.isr.includes(broker) && p.leader !== broker : p.isr.includes(broker),
  );
  return settled ? null : `ISR ${down ? 'still holds' : 'does not hold yet'} broker ${broker}`;
}
