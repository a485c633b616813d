/**
 * The offsets of a poll, each from the broker that knows it: log start and high watermark from the
 * partition's leader, each replica's own log end from that replica.
 */
import { type Connection, listOffsetsV9 } from '@platformatic/kafka';
import type { RawMetadata, RawPartitionOffsets, RawReplicaLogEnd } from '../src/reality/raw';
import { errorText, lenient } from './kafka-errors';

type Conn = (id: number) => Promise<Connection>;
type TopicPartitions = { name: string; partitions: number[] }[];

/** Each broker's partitions, per topic, as ownersOf names the brokers of a partition. */
function byBroker(
  topics: RawMetadata['topics'],
  ownersOf: (p: RawMetadata['topics'][number]['partitions'][number]) => number[],
): Map<number, TopicPartitions> {
  const out = new Map<number, TopicPartitions>();
  for (const t of topics)
    for (const p of t.partitions)
      for (const owner of ownersOf(p)) {
        const list = out.get(owner) ?? [];
        const entry = list.find((x) => x.name === t.name) ?? { name: t.name, partitions: [] };
        if (!list.includes(entry)) list.push(entry);
        entry.partitions.push(p.partitionIndex);
        out.set(owner, list);
      }
  return out;
}

/** Earliest and latest (the high watermark) from each partition's leader. */
export async function readOffsets(
  topics: RawMetadata['topics'],
  conn: Conn,
  failures: string[],
): Promise<RawPartitionOffsets[]> {
  const byLeader = byBroker(topics, (p) => (p.leaderId < 0 ? [] : [p.leaderId]));
  const offsets: RawPartitionOffsets[] = [];
  await Promise.all(
    [...byLeader].map(async ([leader, list]) => {
      try {
        const c = await conn(leader);
        const [early, late] = await Promise.all(
          [-2n, -1n].map((timestamp) =>
            lenient(
              listOffsetsV9.api.async(
                c,
                -1,
                0,
                list.map((t) => ({
                  name: t.name,
                  partitions: t.partitions.map((partitionIndex) => ({
                    partitionIndex,
                    currentLeaderEpoch: -1,
                    timestamp,
                  })),
                })),
              ),
            ),
          ),
        );
        for (const t of list)
          for (const partition of t.partitions) {
            const find = (r: typeof early) =>
              r?.topics
                .find((x) => x.name === t.name)
                ?.partitions.find((x) => x.partitionIndex === partition && x.errorCode === 0);
            const e = find(early);
            const l = find(late);
            offsets.push({
              topic: t.name,
              partition,
              logStartOffset: e ? Number(e.offset) : null,
              highWatermark: l ? Number(l.offset) : null,
            });
          }
      } catch (e) {
        failures.push(`offsets from broker ${leader}: ${errorText(e)}`);
      }
    }),
  );
  return offsets;
}

/**
 * Each replica's own log end: ListOffsets (latest) with replica id -2 answers the local log's end.
 * Null when no replica answered.
 */
export async function readReplicaLogEnds(
  topics: RawMetadata['topics'],
  known: (broker: number) => boolean,
  conn: Conn,
  failures: string[],
): Promise<RawReplicaLogEnd[] | null> {
  const byReplica = byBroker(topics, (p) => p.replicaNodes.filter(known));
  let replicaLogEnds: RawReplicaLogEnd[] | null = [];
  let answered = 0;
  await Promise.all(
    [...byReplica].map(async ([broker, list]) => {
      try {
        const r = await lenient(
          listOffsetsV9.api.async(
            await conn(broker),
            -2,
            0,
            list.map((t) => ({
              name: t.name,
              partitions: t.partitions.map((partitionIndex) => ({
                partitionIndex,
                currentLeaderEpoch: -1,
                timestamp: -1n,
              })),
            })),
          ),
        );
        answered++;
        for (const t of r.topics)
          for (const p of t.partitions)
            if (p.errorCode === 0)
              replicaLogEnds?.push({
                broker,
                topic: t.name,
                partition: p.partitionIndex,
                logEndOffset: Number(p.offset),
              });
      } catch (e) {
        failures.push(`log end offsets on broker ${broker}: ${errorText(e)}`);
      }
    }),
  );
  if (answered === 0 && byReplica.size > 0) replicaLogEnds = null;
  return replicaLogEnds;
}
