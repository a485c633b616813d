/**
 * One real cluster for the whole suite: a controller and three brokers, fresh storage each run. It is
 * stopped by PID at the end, and also when the run is interrupted or crashes (the exit hooks).
 */
import { cluster, SUITE } from './real';

let stopped = false;
function stop() {
  if (stopped) return;
  stopped = true;
  cluster.stopCluster({ ...SUITE, log: (s) => console.warn(`[kafka] ${s}`) });
}

export default async function setup() {
  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.once(signal, () => {
      stop();
      process.exit(130);
    });
  try {
    const started = await cluster.startCluster({
      brokers: 3,
      fresh: true,
      ...SUITE,
      log: (s) => console.warn(`[kafka] ${s}`),
    });
    console.warn(`[kafka] conformance cluster at ${started.bootstrap}`);
  } catch (e) {
    stop();
    throw new Error(
      `Real Kafka could not start, so the conformance suite cannot run: ${e instanceof Error ? e.message : e}`,
    );
  }
  return stop;
}
