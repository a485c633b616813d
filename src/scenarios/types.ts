/**
 * A scene is data: which slides of the talk it covers, the engine commands of each step, and the words
 * said over it. Scenes import only engine types; they never poke engine fields, they issue commands.
 */
import type { Command, EngineState } from '../engine';

/** A claim the narration makes, checked against the engine state after the step by the scene tests. */
export interface Claim {
  readonly text: string;
  readonly holds: (state: EngineState) => boolean;
}

export interface Step {
  /** A short title shown in the step list and the presenter view. */
  readonly title: string;
  /** What the audience reads on screen: short, in plain words. */
  readonly narration: string;
  /** What the presenter sees in the speaker view. */
  readonly notes: string;
  readonly commands: readonly Command[];
  readonly claims?: readonly Claim[];
  /** A question put to the room; the next step shows the answer. */
  readonly predict?: string;
}

/** What a stream step points at: a card's row, one of its windows, or the window edge that answers a question. */
export interface StreamFocus {
  readonly card: string;
  /** The window whose output row is pinned and outlined. */
  readonly windowStart?: number;
  /** A window edge drawn thick across the card's row, with the counts on either side. */
  readonly edgeMs?: number;
  /** Asked, not answered yet: the row carries a question mark. */
  readonly question?: boolean;
}

/**
 * What the stage draws for this scene. Each kind has one view component (src/ui/views/Stage.tsx); the view
 * draws engine state and events, never computes Kafka behaviour.
 */
export type SceneView =
  /** Producers and one topic's partition lanes. */
  | {
      readonly kind: 'topic';
      readonly topic: string;
      readonly producers: readonly string[];
      /** Lanes and offset slots the picture keeps room for on every step (the scene's largest topic). */
      readonly lanes?: number;
      readonly slots?: number;
      /** Records carry keys: producers show their key hash rather than their keyless strategy. */
      readonly keyed?: boolean;
    }
  /** A topic's lanes with consumer groups reading them: positions, commits, lag, the coordinator. */
  | {
      readonly kind: 'consumers';
      readonly topic: string;
      readonly producers: readonly string[];
      readonly groups: readonly string[];
      readonly showCoordinator?: boolean;
      /** A strip of the brokers above the groups, and each lane's leader (the sandbox, where brokers die). */
      readonly showBrokers?: boolean;
    }
  /**
   * One group's coordinator: the brokers with the __consumer_offsets partition that picks it, and the group
   * protocol (FindCoordinator, JoinGroup, SyncGroup, Heartbeat) drawn in flight between it and the members.
   */
  | { readonly kind: 'coordinator'; readonly topic: string; readonly group: string }
  /** Brokers holding replicas: leaders, followers, ISR, high watermark, replication traffic. */
  | {
      readonly kind: 'brokers';
      readonly topic: string;
      readonly producers: readonly string[];
      /**
       * The operator metrics panel beside the picture: shown at first or not (M toggles it), and the window
       * its rates are counted over, in logical ms (DEFAULT_RATE_WINDOW_MS when absent).
       */
      readonly metrics?: { readonly shown: boolean; readonly rateWindowMs?: number };
    }
  /**
   * Two groups side by side through the same rebalances (eager and cooperative): which partitions each is
   * reading now, which are revoked, the rebalance rounds on a timeline, and the records processed meanwhile.
   */
  | { readonly kind: 'rebalance-compare'; readonly topic: string; readonly groups: readonly [string, string] }
  /**
   * Two groups' members with their two clocks: the heartbeats they send and the poll timer against
   * max.poll.interval.ms; whether each is a member, what it owns, and the group's generation.
   */
  | { readonly kind: 'member-timers'; readonly topic: string; readonly groups: readonly [string, string] }
  /** Many producers, brokers and consumers on one topic, with throughput plotted live. */
  | { readonly kind: 'scalable'; readonly topic: string; readonly group: string }
  /**
   * A share group (KIP-932) on one partition: the records coloured by state with their delivery counts and
   * locks, the share-partition's start and end offsets, each member with what it holds; beside it a
   * consumer group on the same partition, one owner and the rest idle.
   */
  | { readonly kind: 'share'; readonly topic: string; readonly group: string; readonly classicGroup: string }
  /**
   * The consumer protocol (KIP-848) beside the classic one: who read each partition when in both groups,
   * and the coordinator's epochs, target and current assignments of the new one.
   */
  | {
      readonly kind: 'consumer-protocol';
      readonly topic: string;
      readonly classicGroup: string;
      readonly group: string;
    }
  /** A traditional queue with competing consumers beside Kafka's log. */
  | { readonly kind: 'queue-vs-log'; readonly topic: string; readonly groups: readonly string[] }
  /** Stream processing: the input stream on a timeline, windows, counts, the output topic, the query. */
  | {
      readonly kind: 'stream';
      readonly source: string;
      readonly output: string;
      /** The id of the running query (runQuery) whose text the stage shows and the editor edits. */
      readonly query?: string;
      /** Statements of the script kept out of the editor (the source's CREATE STREAM), run before its text. */
      readonly preamble?: string;
      /**
       * Per step, how many clauses of the query are built so far, in the order the talk adds them:
       * 1 FROM, 2 WINDOW, 3 GROUP BY, 4 count(*), 5 HAVING, 6 CREATE ... AS. Absent: the whole query.
       */
      readonly clauses?: readonly number[];
      /** The first step at which the query can be edited and rerun (absent: never). */
      readonly editableFrom?: number;
      /** The stretch of model time the timeline spans (absent: the records' own span). */
      readonly spanMs?: readonly [number, number];
      /** Card rows the timeline makes room for from the first step, so rows never move as cards appear. */
      readonly cardRows?: number;
      /** Per step, the card (and window) the step talks about: highlighted, its output row pinned. */
      readonly focus?: readonly (StreamFocus | null)[];
    }
  /**
   * One compacted partition as a row of offsets: records coloured by key, the gaps the log cleaner left,
   * segments, the cleaner point and the active segment, tombstones with their delete horizon, the groups'
   * positions, and the table a reader from the beginning builds.
   */
  | {
      readonly kind: 'compaction';
      readonly topic: string;
      readonly groups: readonly string[];
      /** Offset slots the row keeps room for on every step. */
      readonly slots: number;
      /** The step from which the ksqlDB table panel is drawn (absent: never). */
      readonly tableFrom?: number;
    }
  /**
   * Exactly-once: a topic's partitions with each record's producer id, epoch and sequence number, the
   * transactions' markers, the LSO and HW, the input topic's committed offset, and consumers side by side.
   */
  | {
      readonly kind: 'transactions';
      readonly topic: string;
      readonly input: string;
      readonly group: string;
      readonly producers: readonly string[];
      readonly consumers: readonly string[];
    }
  /** A diagram or chart of the talk, drawn with d3 from data in the scene. */
  | {
      readonly kind: 'diagram';
      readonly diagram: 'origins' | 'who-streams' | 'streaming-giants' | 'wrap-up';
    }
  /**
   * Stream processing as a pipeline, before any SQL: the attempts a running query has read, the query, and
   * the alerts it wrote to its output topic, all read from the engine.
   */
  | {
      readonly kind: 'diagram';
      readonly diagram: 'stream-pipeline';
      readonly source: string;
      readonly query: string;
      readonly output: string;
    };

export interface Scene {
  readonly id: string;
  readonly title: string;
  /** Slide numbers of the talk (../shared/seed) this scene covers. */
  readonly slides: readonly number[];
  readonly seed: number;
  /** Commands run before the first step: the cluster, topics and clients the scene starts with. */
  readonly setup: readonly Command[];
  readonly steps: readonly Step[];
  readonly view: SceneView;
  /** The same thing on a real cluster, for a learner to redo it. */
  readonly realCommands: readonly string[];
}
