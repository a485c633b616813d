/**
 * The wire between the bridge (bridge/, a Node server beside a real Kafka cluster) and the page in reality
 * mode (src/ui/reality/). The bridge polls the cluster's admin API and sends one whole snapshot per message
 * (server-sent events, same origin); the page never talks to Kafka and never names a cluster: the bridge
 * connects only to the bootstrap address the operator gave on its command line.
 *
 * Only what Kafka exposes is here. A record in flight, a fetcher's position or a timer is not: the views
 * draw what a snapshot holds and say "not available from this cluster" for the rest, never a made-up value.
 * Names are Kafka's own (highWatermark, logStartOffset, leaderEpoch, isr, committedOffset).
 */

/** Same-origin paths the bridge serves beside the built app. */
export const REALITY_PATHS = {
  /** GET, text/event-stream: `snapshot` events (RealSnapshot as JSON), at most one per frame. */
  events: '/api/reality/events',
  /** GET: RealBridgeInfo as JSON (404 when the app is served without a bridge: the static build). */
  info: '/api/reality/info',
  /** POST RealActionRequest as JSON, answers RealActionResult. */
  actions: '/api/reality/actions',
  /** POST { sceneId } starts a replay (RealReplayStarted); POST `${replay}/<runId>/step` { step } plays to it. */
  replay: '/api/reality/replay',
} as const;

/** Who started the cluster: the project's own `npm run kafka` (PIDs known) or one the operator named. */
export type ClusterOrigin = 'local' | 'named';

export interface RealBridgeInfo {
  bootstrap: string;
  origin: ClusterOrigin;
  /** --allow-admin: destructive actions (add partitions, kill a broker) are allowed at all. */
  allowAdmin: boolean;
  /** How often the bridge polls the cluster (--poll-ms). */
  pollMs: number;
  /** The Node client the bridge uses, with its version (for the README's comparison and the footer). */
  client: string;
}

export type Reachability =
  | { state: 'connecting'; since: number }
  | { state: 'connected'; since: number }
  /** `since` is the first failed poll (the stage says "unreachable since 12:03:04, retrying"). */
  | { state: 'unreachable'; since: number; error: string; retryInMs: number };

export interface RealBroker {
  id: number;
  host: string;
  port: number;
  rack: string | null;
  /** up: in the metadata; fenced: a replica on it but it left the metadata (a killed broker). */
  state: 'up' | 'fenced';
  /** Only for a broker of the project's own cluster, whose PID `npm run kafka` recorded. */
  pid: number | null;
}

export interface RealRecord {
  partition: number;
  offset: number;
  key: string | null;
  value: string | null;
  /** Kafka's record timestamp (ms since the epoch, CreateTime unless the topic says LogAppendTime). */
  timestamp: number;
}

export interface RealPartition {
  partition: number;
  /** null: no leader (offline). */
  leader: number | null;
  leaderEpoch: number | null;
  replicas: number[];
  isr: number[];
  logStartOffset: number;
  highWatermark: number;
  /**
   * Per replica, its own log end offset: ListOffsets sent to that replica with replica id -2 (DescribeLogDirs'
   * offset_lag is max(local high watermark - LEO, 0), almost always 0, so it cannot give it). A fenced
   * replica has no entry; null if the cluster exposes none.
   */
  logEndOffsets: Record<number, number> | null;
  /** The newest records below the high watermark, oldest first (at most the bridge's --records per partition). */
  newest: RealRecord[];
}

export interface RealTopic {
  name: string;
  internal: boolean;
  /** The configs the views draw (min.insync.replicas, cleanup.policy, retention.ms), as the cluster says. */
  configs: Record<string, string>;
  partitions: RealPartition[];
}

export interface RealMember {
  memberId: string;
  clientId: string;
  host: string;
  groupInstanceId: string | null;
  assignment: { topic: string; partition: number }[];
}

export interface RealGroupOffset {
  topic: string;
  partition: number;
  /** null: the group has committed nothing for this partition. */
  committedOffset: number | null;
  highWatermark: number;
  lag: number | null;
}

export interface RealGroup {
  groupId: string;
  /** The coordinator's state as Kafka names it (Stable, PreparingRebalance, CompletingRebalance, Empty, Dead...). */
  state: string;
  /** classic (JoinGroup/SyncGroup), consumer (KIP-848) or share (KIP-932). */
  type: 'classic' | 'consumer' | 'share' | 'unknown';
  /** The assignor: the classic group's protocol name (range, roundrobin, cooperative-sticky) or the server's. */
  assignor: string | null;
  coordinator: number | null;
  members: RealMember[];
  offsets: RealGroupOffset[];
}

/** A consumer the bridge runs on the page's behalf, with what it has read. */
export interface BridgeConsumer {
  handle: string;
  group: string;
  topic: string;
  memberId: string | null;
  /** Its newest records read, oldest first. */
  received: RealRecord[];
}

export interface RealSnapshot {
  /** Increases by one per snapshot the bridge sends; the page drops one older than what it has. */
  seq: number;
  /** When the bridge took it (wall-clock ms: the real cluster lives in real time). */
  at: number;
  bootstrap: string;
  origin: ClusterOrigin;
  reachability: Reachability;
  clusterId: string | null;
  /** The active KRaft controller, from DescribeQuorum (Metadata's controllerId is a random broker in KRaft). */
  controllerId: number | null;
  brokers: RealBroker[];
  topics: RealTopic[];
  groups: RealGroup[];
  consumers: BridgeConsumer[];
  /** What this cluster does not expose to the bridge (e.g. "log end offsets of orders-0: its leader did not answer"). */
  unavailable: string[];
}

export type RealAction =
  | { kind: 'produce'; topic: string; key: string | null; value: string }
  | {
      kind: 'startConsumer';
      group: string;
      topic: string;
      assignor?: 'range' | 'roundrobin' | 'cooperative-sticky';
    }
  | { kind: 'stopConsumer'; handle: string }
  | {
      kind: 'createTopic';
      topic: string;
      partitions: number;
      replicationFactor: number;
      configs?: Record<string, string>;
    }
  | { kind: 'addPartitions'; topic: string; totalPartitions: number }
  /** kill -9 of the broker's PID: only on the project's own local cluster. */
  | { kind: 'killBroker'; brokerId: number }
  | { kind: 'restartBroker'; brokerId: number };

export interface RealActionRequest {
  action: RealAction;
  /** The operator confirmed an action on a cluster the project did not start. */
  confirmed?: boolean;
}

export type RealActionRefusal =
  /** A cluster the project did not start: ask the operator, then send again with `confirmed: true`. */
  | 'NEEDS_CONFIRMATION'
  /** Destructive and the bridge was started without --allow-admin. */
  | 'ADMIN_DISABLED'
  /** kill/restart on a cluster whose PIDs the project does not know. */
  | 'NOT_LOCAL'
  | 'BAD_REQUEST'
  | 'UNREACHABLE'
  /** Kafka refused: `message` carries Kafka's error name (e.g. INVALID_PARTITIONS). */
  | 'KAFKA_ERROR';

export type RealActionResult =
  | {
      ok: true;
      message: string;
      /** For produce: where real Kafka put the record. */
      produced?: { topic: string; partition: number; offset: number; timestamp: number };
      /** For startConsumer: the handle to stop it by. */
      consumer?: { handle: string };
    }
  | { ok: false; refusal: RealActionRefusal; message: string };

export interface RealReplayStarted {
  runId: string;
  sceneId: string;
  /** Appended to every topic and group name of the scene, so each replay starts from empty topics. */
  suffix: string;
}

/** The real picture after a scene's step was played on the cluster, and the facts the replay measured. */
export interface RealReplayStep {
  runId: string;
  step: number;
  snapshot: RealSnapshot;
  /** Where each record the step produced landed, in the scene's order (topic names without the suffix). */
  produced: { topic: string; key: string | null; partition: number; offset: number }[];
  /** What the bridge could not replay at this step (a ksqlDB query, an engine-only command), with why. */
  skipped: string[];
}
