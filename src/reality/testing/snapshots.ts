/**
 * Small RealSnapshots for the page's tests, shaped as the bridge sends them: a three-broker local cluster
 * with one keyed topic (each key on the partition the Java client's murmur2 gives it over three), one group, and the same cluster after broker 2 was killed (fenced, out of every ISR,
 * its leadership moved). Until the bridge's recorded fixtures exist, these are the known answers.
 */
import type { RealPartition, RealRecord, RealSnapshot } from '../protocol';

export const AT = Date.UTC(2026, 11, 7, 12, 3, 4);

const record = (partition: number, offset: number, key: string | null, value: string): RealRecord => ({
  partition,
  offset,
  key,
  value,
  timestamp: AT - 1000 + offset,
});

function partition(n: number, leader: number | null, replicas: number[], isr: number[], keys: string[]) {
  const newest = keys.map((k, i) => record(n, i, k, `v${i}`));
  const p: RealPartition = {
    partition: n,
    leader,
    leaderEpoch: leader === null ? null : 0,
    replicas,
    isr,
    logStartOffset: 0,
    highWatermark: newest.length,
    logEndOffsets: Object.fromEntries(replicas.map((r) => [r, newest.length])),
    newest,
  };
  return p;
}

/** Three brokers up; topic "orders" with 3 partitions (RF 3, min.insync.replicas 2); group "billing" Stable. */
export function healthySnapshot(seq = 1): RealSnapshot {
  return {
    seq,
    at: AT,
    bootstrap: '127.0.0.1:19900',
    origin: 'local',
    reachability: { state: 'connected', since: AT - 60_000 },
    clusterId: 'q1Sh-9_ISia_zwGINzRvyQ',
    controllerId: 0,
    brokers: [0, 1, 2].map((id) => ({
      id,
      host: '127.0.0.1',
      port: 19900 + id,
      rack: null,
      state: 'up' as const,
      pid: 4000 + id,
    })),
    topics: [
      {
        name: 'orders',
        internal: false,
        configs: { 'min.insync.replicas': '2', 'cleanup.policy': 'delete', 'retention.ms': '604800000' },
        partitions: [
          partition(0, 0, [0, 1, 2], [0, 1, 2], ['alice', 'bob']),
          partition(1, 1, [1, 2, 0], [1, 2, 0], ['dave', 'dave', 'frank']),
          partition(2, 2, [2, 0, 1], [2, 0, 1], ['carol']),
        ],
      },
    ],
    groups: [
      {
        groupId: 'billing',
        state: 'Stable',
        type: 'classic',
        assignor: 'range',
        coordinator: 1,
        members: [
          {
            memberId: 'console-consumer-1b2c',
            clientId: 'console-consumer',
            host: '/127.0.0.1',
            groupInstanceId: null,
            assignment: [
              { topic: 'orders', partition: 0 },
              { topic: 'orders', partition: 1 },
            ],
          },
          {
            memberId: 'kafka-stage-7f3a',
            clientId: 'kafka-stage',
            host: '/127.0.0.1',
            groupInstanceId: null,
            assignment: [{ topic: 'orders', partition: 2 }],
          },
        ],
        offsets: [
          { topic: 'orders', partition: 0, committedOffset: 2, highWatermark: 2, lag: 0 },
          { topic: 'orders', partition: 1, committedOffset: 1, highWatermark: 3, lag: 2 },
          { topic: 'orders', partition: 2, committedOffset: null, highWatermark: 1, lag: null },
        ],
      },
    ],
    consumers: [],
    unavailable: [],
  };
}

/** Broker 2 killed and fenced: out of every ISR, P2's leadership moved to broker 0 with a new epoch. */
export function brokerFencedSnapshot(seq = 2): RealSnapshot {
  const s = healthySnapshot(seq);
  s.brokers = s.brokers.map((b) => (b.id === 2 ? { ...b, state: 'fenced' as const } : b));
  s.topics = s.topics.map((t) => ({
    ...t,
    partitions: t.partitions.map((p) => {
      const isr = p.isr.filter((b) => b !== 2);
      const moved = p.leader === 2;
      const logEndOffsets = Object.fromEntries(
        Object.entries(p.logEndOffsets ?? {}).filter(([b]) => b !== '2'),
      );
      return {
        ...p,
        isr,
        leader: moved ? 0 : p.leader,
        leaderEpoch: moved ? 1 : p.leaderEpoch,
        logEndOffsets,
      };
    }),
  }));
  return s;
}

/** The bridge lost the cluster at 12:03:04 and keeps retrying. */
export function unreachableSnapshot(seq = 3): RealSnapshot {
  return {
    ...healthySnapshot(seq),
    reachability: { state: 'unreachable', since: AT, error: 'ECONNREFUSED 127.0.0.1:19900', retryInMs: 1000 },
  };
}
