/**
 * The Java consumer's own account of its rebalances, for the rebalance scenes: its coordinator's INFO lines
 * (rebalance-log4j2.xml) on stdout beside the records. Read from ConsumerCoordinator and AbstractCoordinator.
 */
import { join } from 'node:path';
import { ROOT } from '../real';

/** A shown console-consumer command, run with the coordinator's INFO log on stdout. */
export const withCoordinatorLog = (shell: string) =>
  `env KAFKA_LOG4J_OPTS=-Dlog4j2.configurationFile=${join(ROOT, 'conformance', 'scenes', 'rebalance-log4j2.xml')} ${shell}`;

/** Every "Successfully joined group with generation Generation{generationId=N, ...}", in order. */
export const generationsJoined = (out: string): number[] =>
  [...out.matchAll(/Successfully joined group with generation Generation\{generationId=(\d+)/g)].map((m) =>
    Number(m[1]),
  );

const partitionsIn = (list: string): number[] =>
  [...list.matchAll(/-(\d+)(?=[,\]\s]|$)/g)].map((m) => Number(m[1])).sort((a, b) => a - b);

/** What ConsumerCoordinator.onJoinComplete logged for each join: assigned, and revoked (owned - assigned). */
export function assignmentUpdates(out: string): { assigned: number[]; revoked: number[] }[] {
  return [
    ...out.matchAll(
      /Updating assignment with\s+Assigned partitions:\s+(\[[^\]]*\])[\s\S]*?Revoked partitions \(owned - assigned\):\s+(\[[^\]]*\])/g,
    ),
  ].map((m) => ({ assigned: partitionsIn(m[1]!), revoked: partitionsIn(m[2]!) }));
}

/** Partitions the consumer revoked through onPartitionsRevoked ("Revoke previously assigned partitions ..."). */
export const revokedAll = (out: string): number[][] =>
  [...out.matchAll(/Revoke previously assigned partitions (.*)$/gm)].map((m) => partitionsIn(m[1]!));
