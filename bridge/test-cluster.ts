/**
 * The bridge test's own real cluster (a controller and three brokers), on its own ports and storage so it
 * never collides with the conformance suite's cluster or a developer's `npm run kafka`.
 */
import { join } from 'node:path';
import { cluster } from './local-cluster';

export const BRIDGE_TEST = {
  home: join(cluster.ROOT, '.kafka', 'bridge-test'),
  port: Number(process.env.KAFKA_STAGE_BRIDGE_TEST_PORT ?? 19292),
};

export default async function setup() {
  const log = (s: string) => console.warn(`[kafka] ${s}`);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    cluster.stopCluster({ ...BRIDGE_TEST, log });
  };
  process.once('exit', stop);
  try {
    await cluster.startCluster({ brokers: 3, fresh: true, ...BRIDGE_TEST, log });
  } catch (e) {
    stop();
    throw new Error(
      `Real Kafka could not start, so the bridge test cannot run: ${e instanceof Error ? e.message : e}`,
    );
  }
  return stop;
}
