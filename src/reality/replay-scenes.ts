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

/** What the runner does not play, by command (null: played). */
function leftOut(c: Command, origin: 'local' | 'named'): string | null {
  switch (c.type) {
    case 'isolateBroker':
    case 'healBroker':
    case 'isolateBrokerFromPeers':
      return 'a network partition (cutting a broker off needs root): not played';
    case 'electLeaders':
    case 'reassignPartition':
      return 'leader elections and reassignments: not played';
    case 'pauseConsumer':
    case 'resumeConsumer':
      return 'pausing a consumer: the console consumer cannot pause';
    case 'commitSync':
      return 'commitSync: the console consumer commits only by auto-commit';
    case 'createQueue':
    case 'sendToQueue':
    case 'addQueueConsumer':
      return 'the traditional queue: simulated only, it is not Kafka';
    case 'runQuery':
    case 'stopQuery':
      return 'ksqlDB queries: no ksqlDB server beside the cluster';
    case 'killBroker':
    case 'shutdownBroker':
    case 'restartBroker':
      return origin === 'local'
        ? null
        : 'brokers killed and restarted: only on the cluster the project started (npm run kafka)';
    case 'addModernConsumer':
    case 'closeModernConsumer':
    case 'killModernConsumer':
      return 'consumers of the new group protocol (KIP-848): not replayed yet';
    case 'joinShareGroup':
    case 'leaveShareGroup':
    case 'shareFetch':
    case 'shareAcknowledge':
    case 'setShareGroupConfig':
      return 'share groups (KIP-932): not replayed yet';
    case 'initTransactions':
    case 'beginTransaction':
    case 'sendOffsetsToTransaction':
    case 'commitTransaction':
    case 'abortTransaction':
      return 'transactions: not replayed yet (the Node client has no transactional API)';
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
