/**
 * A real topic as the brokers view's picture (the ClusterPicture brokersLayout lays out): each broker up or
 * fenced, and per partition its leader, epoch, ISR, high watermark and each replica's log end offset where
 * DescribeLogDirs gave it. The records a replica holds are known only where Kafka guarantees them: every
 * record below the high watermark is on every in-sync replica (that is what the high watermark means), and
 * a replica out of the ISR holds those below its own log end offset when the cluster reports it.
 */
import type { RealBroker, RealTopic } from '../../reality/protocol';
import type { ClusterPicture, ShownRecord } from '../views/brokers/replica-picture';

export interface RealReplica {
  readonly broker: number;
  readonly records: ShownRecord[];
  /** null: the cluster did not say (a fenced broker, DescribeLogDirs denied). */
  readonly logEndOffset: number | null;
}

export interface RealPartitionPicture {
  readonly partition: number;
  readonly leader: number | null;
  readonly leaderEpoch: number | null;
  readonly isr: readonly number[];
  readonly highWatermark: number;
  readonly replicas: RealReplica[];
}

export interface RealPicture {
  readonly alive: Record<number, boolean>;
  readonly partitions: RealPartitionPicture[];
  /** The same, shaped for brokersLayout (unknown log end offsets at the high watermark). */
  readonly layoutPicture: ClusterPicture;
}

export function realPicture(topic: RealTopic, brokers: readonly RealBroker[]): RealPicture {
  const alive: Record<number, boolean> = {};
  for (const b of brokers) alive[b.id] = b.state === 'up';
  const partitions = topic.partitions.map((p): RealPartitionPicture => {
    const below = (end: number) =>
      p.newest
        .filter((r) => r.offset < end)
        .map((r) => ({
          id: `${p.partition}/${r.offset}`,
          offset: r.offset,
          key: r.key,
          value: r.value ?? 'null',
        }));
    return {
      partition: p.partition,
      leader: p.leader,
      leaderEpoch: p.leaderEpoch,
      isr: p.isr,
      highWatermark: p.highWatermark,
      replicas: p.replicas.map((b) => {
        const leo = p.logEndOffsets?.[b] ?? null;
        const records = p.isr.includes(b) ? below(p.highWatermark) : leo === null ? [] : below(leo);
        return { broker: b, records, logEndOffset: leo };
      }),
    };
  });
  return {
    alive,
    partitions,
    layoutPicture: {
      alive,
      acked: {},
      lastError: {},
      partitions: partitions.map((p) => ({
        partition: p.partition,
        leader: p.leader,
        leaderEpoch: p.leaderEpoch ?? 0,
        isr: p.isr,
        highWatermark: p.highWatermark,
        replicas: p.replicas.map((r) => ({
          broker: r.broker,
          records: r.records,
          logEndOffset: r.logEndOffset ?? p.highWatermark,
          lost: [],
        })),
        elected: null,
        offsetsLost: [],
      })),
    },
  };
}
