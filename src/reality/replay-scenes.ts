/**
 * Which scenes a replay on the real cluster can play, and what it leaves out: the page's control says so
 * before the presenter starts, and the runner (bridge/replay/) lists the same commands in `skipped`.
 */
import type { Command } from '../engine';
import type { Scene } from '../scenarios/types';

export interface ReplayPlan {
  /** False: nothing of the scene's story happens on a cluster (a diagram, a ksqlDB query). */
  readonly replayable: boolean;
  /** Why not, in one sentence for the control. */
  readonly why: string | null;
  /** What a replay leaves out or plays differently, one sentence each, without repeats. */
  readonly partial: readonly string[];
}

const allCommands = (scene: Scene): Command[] => [...scene.setup, ...scene.steps.flatMap((s) => s.commands)];

const NETWORK = 'a network partition (cutting a broker off needs root): not played';
const ELECTIONS = 'leader elections and reassignments: not played';
const PAUSE = 'pausing a consumer: the console consumer cannot pause';
const QUEUE = 'the traditional queue: simulated only, it is not Kafka';
const KSQL = 'ksqlDB queries: no ksqlDB server beside the cluster';
const MODERN = 'consumers of the new group protocol (KIP-848): not replayed yet';
const SHARE = 'share groups (KIP-932): not replayed yet';
const TRANSACTIONS = 'transactions: not replayed yet (the Node client has no transactional API)';

/**
 * The scene commands a replay never plays, with why: one list for the page's plan (below) and the runner's
 * `skipped` (bridge/replay/runner.ts), so the two cannot tell different stories.
 */
export const NOT_REPLAYED = {
  isolateBroker: NETWORK,
  healBroker: NETWORK,
  isolateBrokerFromPeers: NETWORK,
  electLeaders: ELECTIONS,
  reassignPartition: ELECTIONS,
  pauseConsumer: PAUSE,
  resumeConsumer: PAUSE,
  commitSync: 'commitSync: the console consumer commits only by auto-commit',
  createQueue: QUEUE,
  sendToQueue: QUEUE,
  addQueueConsumer: QUEUE,
  runQuery: KSQL,
  stopQuery: KSQL,
  addModernConsumer: MODERN,
  closeModernConsumer: MODERN,
  killModernConsumer: MODERN,
  joinShareGroup: SHARE,
  leaveShareGroup: SHARE,
  shareFetch: SHARE,
  shareAcknowledge: SHARE,
  setShareGroupConfig: SHARE,
  initTransactions: TRANSACTIONS,
  beginTransaction: TRANSACTIONS,
  sendOffsetsToTransaction: TRANSACTIONS,
  commitTransaction: TRANSACTIONS,
  abortTransaction: TRANSACTIONS,
} as const satisfies Partial<Record<Command['type'], string>>;

export type NotReplayedCommand = Extract<Command, { type: keyof typeof NOT_REPLAYED }>;

const isNotReplayed = (c: Command): c is NotReplayedCommand => Object.hasOwn(NOT_REPLAYED, c.type);

/** What the runner does not play, by command (null: played). */
function leftOut(c: Command, origin: 'local' | 'named'): string | null {
  if (isNotReplayed(c)) return NOT_REPLAYED[c.type];
  switch (c.type) {
    case 'killBroker':
    case 'shutdownBroker':
    case 'restartBroker':
      return origin === 'local'
        ? null
        : 'brokers killed and restarted: only on the cluster the project started (npm run kafka)';
    case 'advance':
      return c.ms > 20_000 ? 'long waits of logical time: at most 20 s of real waiting each' : null;
    default:
      return null;
  }
}

/** origin: the bridge's cluster; a broker is killed only on the project's own ('local'). */
export function replayPlan(scene: Scene, origin: 'local' | 'named' = 'named'): ReplayPlan {
  const commands = allCommands(scene);
  if (commands.some((c) => c.type === 'runQuery'))
    return {
      replayable: false,
      why: 'its story is a ksqlDB query, and there is no ksqlDB server beside the cluster',
      partial: [],
    };
  if (!commands.some((c) => c.type === 'createTopic'))
    return { replayable: false, why: 'a picture, not a run of Kafka: it creates no topic', partial: [] };
  const notes = commands.map((c) => leftOut(c, origin));
  // Keyless records from a producer on the sticky partitioner (the Java default): its runs depend on timing.
  const keyless = new Map<string, string>();
  for (const c of commands) {
    if (c.type === 'addProducer') keyless.set(c.producer, c.keyless ?? 'sticky');
    if (c.type === 'configureProducer' && c.keyless) keyless.set(c.producer, c.keyless);
    if (
      c.type === 'produce' &&
      (c.key ?? null) === null &&
      c.partition === undefined &&
      keyless.get(c.producer) === 'sticky'
    )
      notes.push(
        'keyless records of the sticky partitioner: its runs depend on batch timing, so they are sent round robin',
      );
  }
  const partial = [...new Set(notes.filter((s): s is string => s !== null))];
  return { replayable: true, why: null, partial };
}
