/** Producing a scene's keyless records and watching a consumer group on the real cluster. */
import { expect } from 'vitest';
import { groupRows } from './admin';
import { bootstrap, type GroupRow, shOk, sleep, startBackground } from './real';

/** m0, m1... to partition 0, 1, 2, 3, 0... as the scenes' round-robin producer (RoundRobinPartitioner). */
export function produceRoundRobin(topic: string, values: readonly string[]) {
  shOk(
    `bin/kafka-console-producer.sh --bootstrap-server ${bootstrap()} --topic ${topic} ` +
      '--command-property partitioner.class=org.apache.kafka.clients.producer.RoundRobinPartitioner',
    { input: `${values.join('\n')}\n` },
  );
}

/** Starts n copies of a shown console consumer in the background. */
export function startConsumers(shell: string, n: number) {
  return Array.from({ length: n }, () => startBackground(shell));
}

/** Waits until the group's --describe satisfies the check; returns the rows and how long it took. */
export async function waitForGroup(
  group: string,
  topic: string,
  what: string,
  check: (rows: GroupRow[]) => boolean,
  timeoutMs = 90_000,
): Promise<{ value: GroupRow[]; ms: number }> {
  const t0 = Date.now();
  for (;;) {
    const rows = await groupRows(group, topic).catch(() => []);
    if (rows.length > 0 && check(rows)) return { value: rows, ms: Date.now() - t0 };
    if (Date.now() - t0 > timeoutMs)
      throw new Error(`timed out after ${timeoutMs / 1000} s: ${group}: ${what}`);
    await sleep(250);
  }
}

export const members = (rows: readonly GroupRow[]) =>
  new Set(rows.map((r) => r.consumerId).filter((c) => c !== '-'));
export const allAssigned = (rows: readonly GroupRow[], partitions: number, n: number) =>
  rows.length === partitions && rows.every((r) => r.consumerId !== '-') && members(rows).size === n;
export const allCommitted = (rows: readonly GroupRow[], offset: number) =>
  rows.every((r) => r.currentOffset === offset);

/** Prints a figure from the real cluster beside the engine's, for the README and the report. */
export function timing(what: string, realMs: number, engineMs: number, note = '') {
  console.warn(
    `TIMING ${what}: real Kafka ${(realMs / 1000).toFixed(1)} s, engine ${(engineMs / 1000).toFixed(1)} s${note ? ` (${note})` : ''}`,
  );
  expect(realMs).toBeGreaterThanOrEqual(0);
}
