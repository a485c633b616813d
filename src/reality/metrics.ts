/**
 * The metrics panel in reality mode (issue 21, point 4): the operator metrics a real cluster's admin API lets
 * us compute, under their JMX names, from one RealSnapshot; and the list of those it does not expose, which
 * the panel names as "not available from this cluster" rather than showing a made-up value.
 *
 * Computed as Kafka computes them: ReplicaManager's UnderReplicatedPartitions (ISR smaller than the replica
 * set) and UnderMinIsrPartitionCount (a led partition whose ISR is below min.insync.replicas), the
 * controller's OfflinePartitionsCount (no leader), LeaderCount and PartitionCount per broker; here from the
 * topic descriptions instead of each broker's JMX. records-lag-max is the consumer's metric over its
 * position; the admin API gives the lag from the committed offset, so the tooltip says which one it is.
 */
import type { MetricReading } from '../engine';
import type { RealSnapshot } from './protocol';

export interface UnavailableMetric {
  readonly name: string;
  /** Why the snapshot cannot give it. */
  readonly why: string;
}

export interface RealMetrics {
  readonly rows: MetricReading[];
  readonly unavailable: UnavailableMetric[];
}

const BROKER_JMX_ONLY = 'a broker JMX metric: the admin API the bridge reads does not report it';

/** The rates and the controller count: only a broker's JMX has them. */
const ALWAYS_UNAVAILABLE: readonly UnavailableMetric[] = [
  {
    name: 'ActiveControllerCount',
    why: 'KRaft answers DescribeCluster with any live broker as "controller", not the active controller',
  },
  ...[
    'IsrShrinksPerSec',
    'IsrExpandsPerSec',
    'LeaderElectionRateAndTimeMs',
    'MessagesInPerSec',
    'BytesInPerSec',
    'FailedProduceRequestsPerSec',
    'TotalProduceRequestsPerSec',
    'TotalFetchRequestsPerSec',
  ].map((name) => ({ name, why: BROKER_JMX_ONLY })),
];

const brokerLetter = (id: number) => (id < 26 ? String.fromCharCode(65 + id) : String(id));

/** Every metric the snapshot gives, and the rest named as unavailable. */
export function realMetrics(snapshot: RealSnapshot): RealMetrics {
  const rows: MetricReading[] = [];
  const unavailable: UnavailableMetric[] = [...ALWAYS_UNAVAILABLE];
  let underReplicated = 0;
  let offline = 0;
  let underMinIsr = 0;
  let minIsrKnown = true;
  const up = new Set(snapshot.brokers.filter((b) => b.state === 'up').map((b) => b.id));
  const leaderCount = new Map<number, number>();
  const partitionCount = new Map<number, number>();
  for (const b of up) {
    leaderCount.set(b, 0);
    partitionCount.set(b, 0);
  }
  for (const t of snapshot.topics) {
    const minIsr = Number(t.configs['min.insync.replicas']);
    if (!Number.isInteger(minIsr) || minIsr < 1) minIsrKnown = false;
    for (const p of t.partitions) {
      if (p.isr.length < p.replicas.length) underReplicated++;
      if (p.leader === null) offline++;
      else if (p.isr.length < minIsr) underMinIsr++;
      if (p.leader !== null && leaderCount.has(p.leader))
        leaderCount.set(p.leader, leaderCount.get(p.leader)! + 1);
      for (const r of p.replicas)
        if (partitionCount.has(r)) partitionCount.set(r, partitionCount.get(r)! + 1);
    }
  }
  rows.push(
    cluster(
      'OfflinePartitionsCount',
      offline,
      'Partitions with no leader, from the topic descriptions: nobody can write or read them until a replica returns.',
    ),
    cluster(
      'UnderReplicatedPartitions',
      underReplicated,
      'Partitions whose ISR is smaller than their replicas, from the topic descriptions: rises when a broker dies.',
    ),
  );
  if (minIsrKnown)
    rows.push(
      cluster(
        'UnderMinIsrPartitionCount',
        underMinIsr,
        'Led partitions whose ISR is below their topic’s min.insync.replicas: acks=all writes to them are refused.',
      ),
    );
  else
    unavailable.push({
      name: 'UnderMinIsrPartitionCount',
      why: 'min.insync.replicas of some topic was not described by the cluster',
    });
  // A fenced broker has no JMX to read and leads nothing: like the simulated panel, it is not listed a value.
  for (const b of [...snapshot.brokers].sort((x, y) => x.id - y.id)) {
    const alive = up.has(b.id);
    rows.push(
      broker('LeaderCount', b.id, alive ? leaderCount.get(b.id)! : null, 'Partitions this broker leads.'),
    );
  }
  for (const b of [...snapshot.brokers].sort((x, y) => x.id - y.id)) {
    const alive = up.has(b.id);
    rows.push(
      broker(
        'PartitionCount',
        b.id,
        alive ? partitionCount.get(b.id)! : null,
        'Replicas this broker hosts, leader or follower.',
      ),
    );
  }
  for (const g of snapshot.groups) {
    const lags = g.offsets.flatMap((o) => (o.lag === null ? [] : [o.lag]));
    rows.push({
      id: `records-lag-max/${g.groupId}`,
      name: 'records-lag-max',
      section: 'group',
      subject: g.groupId,
      value: lags.length > 0 ? Math.max(...lags) : null,
      badWhen: 'up',
      tooltip:
        'The largest lag over the group’s partitions, here high watermark − committed offset (the consumer’s own metric uses its position).',
    });
    rows.push({
      id: `state/${g.groupId}`,
      name: 'state',
      section: 'group',
      subject: g.groupId,
      value: g.state,
      badWhen: 'change',
      tooltip: 'The group’s state at its coordinator, as DescribeGroups reports it.',
    });
  }
  return { rows, unavailable };
}

function cluster(name: string, value: number, tooltip: string): MetricReading {
  return { id: name, name, section: 'cluster', value, badWhen: 'up', tooltip };
}

function broker(name: string, id: number, value: number | null, tooltip: string): MetricReading {
  return {
    id: `${name}/${id}`,
    name,
    section: 'broker',
    subject: brokerLetter(id),
    value,
    badWhen: 'none',
    tooltip,
  };
}
