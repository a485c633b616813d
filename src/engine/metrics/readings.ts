/**
 * The metrics panel's rows: each metric under its JMX name with its value at one state, what direction is
 * bad, and a one-line tooltip (what it means, what usually moves it). Gauges come from the state, rates from
 * the events of the window (t - windowMs, t], per logical second.
 */
import type { EngineEvent } from '../core/events';
import type { EngineState } from '../core/types';
import { clusterGauges, countEvents, type EventCounts, groupMetrics } from './operator-metrics';

/** Which way a change is bad (drawn red), or neither. */
export type BadWhen = 'up' | 'down' | 'change' | 'none';

export interface MetricReading {
  /** Stable across states: a sparkline joins the readings of one id. */
  readonly id: string;
  /** Kafka's JMX name (or the consumer metric's name). */
  readonly name: string;
  readonly section: 'cluster' | 'broker' | 'rate' | 'group';
  /** The broker or group it is about. */
  readonly subject?: string;
  /** null: not reported (a broker that is down has no JMX to read). */
  readonly value: number | string | null;
  readonly unit?: '/s' | 'B/s';
  readonly badWhen: BadWhen;
  readonly tooltip: string;
}

interface Gauge {
  readonly name: string;
  readonly badWhen: BadWhen;
  readonly tooltip: string;
}

const CLUSTER: Record<
  | 'activeControllerCount'
  | 'offlinePartitionsCount'
  | 'underReplicatedPartitions'
  | 'underMinIsrPartitionCount',
  Gauge
> = {
  activeControllerCount: {
    name: 'ActiveControllerCount',
    badWhen: 'change',
    tooltip:
      'Brokers acting as controller, summed over the cluster: exactly 1 when healthy; moves when the controller dies.',
  },
  underReplicatedPartitions: {
    name: 'UnderReplicatedPartitions',
    badWhen: 'up',
    tooltip:
      'Partitions whose ISR is smaller than their replicas: rises when a broker dies or a follower lags, falls as they catch up.',
  },
  underMinIsrPartitionCount: {
    name: 'UnderMinIsrPartitionCount',
    badWhen: 'up',
    tooltip:
      'Partitions whose ISR is below min.insync.replicas: acks=all writes to them are refused (NOT_ENOUGH_REPLICAS).',
  },
  offlinePartitionsCount: {
    name: 'OfflinePartitionsCount',
    badWhen: 'up',
    tooltip:
      'Partitions with no leader (no live in-sync replica): nobody can write or read them until one returns.',
  },
};

const BROKER: Record<'leaderCount' | 'partitionCount', Gauge> = {
  leaderCount: {
    name: 'LeaderCount',
    badWhen: 'none',
    tooltip:
      'Partitions this broker leads: moves when leaders are elected elsewhere after a failure, or rebalanced back.',
  },
  partitionCount: {
    name: 'PartitionCount',
    badWhen: 'none',
    tooltip: 'Replicas this broker hosts, leader or follower: moves with topic creation and reassignment.',
  },
};

const RATES: Record<keyof EventCounts, Gauge & { unit: '/s' | 'B/s' }> = {
  isrShrinks: {
    name: 'IsrShrinksPerSec',
    unit: '/s',
    badWhen: 'up',
    tooltip:
      'Leaders dropping a lagging follower from the ISR (not counted when the controller fences a dead broker).',
  },
  isrExpands: {
    name: 'IsrExpandsPerSec',
    unit: '/s',
    badWhen: 'none',
    tooltip: 'Followers caught up and added back to the ISR: follows a broker returning after a failure.',
  },
  leaderElections: {
    name: 'LeaderElectionRateAndTimeMs',
    unit: '/s',
    badWhen: 'up',
    tooltip: 'Leader elections by the controller: spikes when a broker leading partitions dies.',
  },
  messagesIn: {
    name: 'MessagesInPerSec',
    unit: '/s',
    badWhen: 'none',
    tooltip: 'Records appended by leaders: follows the producers’ traffic.',
  },
  bytesIn: {
    name: 'BytesInPerSec',
    unit: 'B/s',
    badWhen: 'none',
    tooltip: 'Bytes of records appended by leaders: follows the producers’ traffic and record sizes.',
  },
  failedProduceRequests: {
    name: 'FailedProduceRequestsPerSec',
    unit: '/s',
    badWhen: 'up',
    tooltip:
      'Produce requests a leader refused (NOT_ENOUGH_REPLICAS below min.insync.replicas, not the leader, timeouts).',
  },
  produceRequests: {
    name: 'TotalProduceRequestsPerSec',
    unit: '/s',
    badWhen: 'none',
    tooltip:
      'Produce requests reaching brokers, answered or refused: follows the producers and their retries.',
  },
  fetchRequests: {
    name: 'TotalFetchRequestsPerSec',
    unit: '/s',
    badWhen: 'none',
    tooltip:
      'Fetch requests from followers and consumers: followers fetch continuously, so it drops when brokers die.',
  },
};

const brokerLetter = (id: number) => (id < 26 ? String.fromCharCode(65 + id) : String(id));

/** Every metric at `state`, rates over the events of (state.now - windowMs, state.now]. */
export function metricReadings(
  state: EngineState,
  events: readonly EngineEvent[],
  windowMs: number,
): MetricReading[] {
  const gauges = clusterGauges(state);
  const rows: MetricReading[] = [];
  for (const [key, g] of Object.entries(CLUSTER) as [keyof typeof CLUSTER, Gauge][])
    rows.push({
      id: g.name,
      name: g.name,
      section: 'cluster',
      value: gauges[key],
      badWhen: g.badWhen,
      tooltip: g.tooltip,
    });
  for (const [key, g] of Object.entries(BROKER) as [keyof typeof BROKER, Gauge][])
    for (const [broker, value] of Object.entries(gauges[key])) {
      const subject = brokerLetter(Number(broker));
      rows.push({
        id: `${g.name}/${broker}`,
        name: g.name,
        section: 'broker',
        subject,
        value,
        badWhen: g.badWhen,
        tooltip: g.tooltip,
      });
    }
  const counts = countEvents(events, state.now - windowMs, state.now);
  for (const [key, g] of Object.entries(RATES) as [keyof EventCounts, (typeof RATES)[keyof EventCounts]][])
    rows.push({
      id: g.name,
      name: g.name,
      section: 'rate',
      value: (counts[key] * 1000) / windowMs,
      unit: g.unit,
      badWhen: g.badWhen,
      tooltip: g.tooltip,
    });
  for (const m of groupMetrics(state)) {
    rows.push({
      id: `records-lag-max/${m.group}`,
      name: 'records-lag-max',
      section: 'group',
      subject: m.group,
      value: m.recordsLagMax,
      badWhen: 'up',
      tooltip:
        'The largest lag (high watermark - position) over the partitions the group’s consumers hold: rises when they fall behind.',
    });
    rows.push({
      id: `state/${m.group}`,
      name: 'state',
      section: 'group',
      subject: m.group,
      value: m.state,
      badWhen: 'change',
      tooltip:
        'The group’s state at its coordinator: Stable when consuming, PreparingRebalance / CompletingRebalance while rebalancing.',
    });
    rows.push({
      id: `rebalances/${m.group}`,
      name: 'rebalance-total',
      section: 'group',
      subject: m.group,
      value: m.rebalances,
      badWhen: 'up',
      tooltip:
        'Rebalances the group has completed (its generation): a member joining, leaving or timing out adds one.',
    });
  }
  return rows;
}
