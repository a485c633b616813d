/**
 * Reality mode's state, apart from the deck's: whether a bridge serves the page (RealBridgeInfo, or null for
 * the static build), whether the stage shows the real cluster and which view, the newest snapshot, the link
 * to the bridge, and the metrics' recent samples. The bridge link (bridge-link.ts) is the one writer of the
 * snapshot; the commands registry, the URL sync and the views' tabs are the writers of `active` and `view`.
 */
import { createStore } from 'zustand/vanilla';
import type { MetricReading } from '../../engine';
import { realMetrics, type UnavailableMetric } from '../../reality/metrics';
import type { RealAction, RealActionResult, RealBridgeInfo, RealSnapshot } from '../../reality/protocol';

export const REAL_VIEWS = ['topics', 'consumers', 'brokers'] as const;
export type RealView = (typeof REAL_VIEWS)[number];

export const REAL_VIEW_TITLES: Record<RealView, string> = {
  topics: 'Topic lanes',
  consumers: 'Consumers and coordinator',
  brokers: 'Brokers and replication',
};

/** The page's own link to the bridge (the bridge's link to Kafka is the snapshot's reachability). */
export type BridgeLink =
  | { state: 'closed' }
  | { state: 'connecting'; since: number }
  | { state: 'open'; since: number }
  /** The bridge went away; EventSource retries by itself. */
  | { state: 'lost'; since: number };

export interface MetricsSample {
  readonly atMs: number;
  readonly values: Readonly<Record<string, number | string | null>>;
}

/** An action taken from the stage, with what the bridge answered (and, for a produce, the prediction). */
export interface TakenAction {
  readonly id: number;
  readonly action: RealAction;
  readonly result: RealActionResult | null;
  /** The simulator's partitioner for a keyed produce: partitionForKey over the topic's partition count. */
  readonly predictedPartition: number | null;
}

export interface RealityState {
  /** Whether the page asked REALITY_PATHS.info yet (a reality URL waits for the answer). */
  readonly probed: boolean;
  readonly bridge: RealBridgeInfo | null;
  readonly active: boolean;
  readonly view: RealView;
  /** The topic the lanes and the brokers show; null: the first one the cluster has. */
  readonly topic: string | null;
  readonly snapshot: RealSnapshot | null;
  readonly link: BridgeLink;
  /** The metrics panel beside the picture (M in reality mode). */
  readonly metricsShown: boolean;
  /** The newest actions taken from the stage, newest last. */
  readonly actions: readonly TakenAction[];
  /** An action waiting for the operator's yes (the bridge answered NEEDS_CONFIRMATION). */
  readonly confirming: RealAction | null;
  /** The metrics of the newest snapshot, and of the snapshot before the last change, and recent samples. */
  readonly metrics: {
    rows: MetricReading[];
    unavailable: UnavailableMetric[];
    previous: Readonly<Record<string, number | string | null>>;
    samples: MetricsSample[];
  };
}

export const initialRealityState: RealityState = {
  probed: false,
  bridge: null,
  active: false,
  view: 'topics',
  topic: null,
  snapshot: null,
  link: { state: 'closed' },
  metricsShown: false,
  actions: [],
  confirming: null,
  metrics: { rows: [], unavailable: [], previous: {}, samples: [] },
};

export const realityStore = createStore<RealityState>(() => initialRealityState);

/** How many snapshots the sparklines span (at the bridge's default poll of 1 s: two minutes). */
const SAMPLES_KEPT = 120;

/** Whether `next` replaces `current`: a newer seq only (an older one arrived late and is dropped). */
export function isNewer(current: RealSnapshot | null, next: RealSnapshot): boolean {
  return current === null || next.seq > current.seq;
}

const valuesOf = (rows: readonly MetricReading[]) => Object.fromEntries(rows.map((r) => [r.id, r.value]));

/** The metrics after a snapshot: `previous` holds the values before the newest change, for the deltas. */
export function nextMetrics(
  metrics: RealityState['metrics'],
  snapshot: RealSnapshot,
): RealityState['metrics'] {
  const { rows, unavailable } = realMetrics(snapshot);
  const values = valuesOf(rows);
  const last = metrics.samples.at(-1)?.values;
  const changed = last === undefined || Object.keys(values).some((k) => values[k] !== last[k]);
  return {
    rows,
    unavailable,
    previous: changed && last ? last : metrics.previous,
    samples: [...metrics.samples.slice(-(SAMPLES_KEPT - 1)), { atMs: snapshot.at, values }],
  };
}

/**
 * Takes a snapshot from the bridge, unless it is older than the one shown. The first one after a reconnect
 * is taken whatever its seq: a restarted bridge counts from 1 again.
 */
export function receiveSnapshot(snapshot: RealSnapshot, firstAfterConnect = false): void {
  const s = realityStore.getState();
  if (!firstAfterConnect && !isNewer(s.snapshot, snapshot)) return;
  realityStore.setState({ snapshot, metrics: nextMetrics(s.metrics, snapshot) });
}

export function setLink(link: BridgeLink): void {
  realityStore.setState({ link });
}

export function setBridge(bridge: RealBridgeInfo | null): void {
  realityStore.setState({ bridge, probed: true });
}

export function showReality(view: RealView, topic: string | null = realityStore.getState().topic): void {
  if (realityStore.getState().bridge === null) return;
  realityStore.setState({ active: true, view, topic });
}

export function leaveReality(): void {
  realityStore.setState({ active: false });
}

export function chooseTopic(topic: string): void {
  realityStore.setState({ topic });
}

export function toggleRealMetrics(): void {
  realityStore.setState((s) => ({ metricsShown: !s.metricsShown }));
}
