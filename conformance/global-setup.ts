/**
 * One real cluster for the whole suite: a controller and three brokers, fresh storage each run. It is
 * stopped by PID at the end, and also when the run is interrupted or crashes (the exit hooks).
 */
import { cluster, SUITE, sh, shOk } from './real';

let stopped = false;
function stop() {
  if (stopped) return;
  stopped = true;
  cluster.stopCluster({ ...SUITE, log: (s) => console.warn(`[kafka] ${s}`) });
}

export default async function setup() {
  // For working on the suite: KAFKA_STAGE_TEST_REUSE=1 keeps one cluster between runs (stop it with
  // KAFKA_STAGE_HOME=.kafka/conformance npm run kafka:stop). CI never sets it: every run starts fresh.
  if (process.env.KAFKA_STAGE_TEST_REUSE === '1') {
    await cluster.startCluster({ brokers: 3, ...SUITE, log: (s) => console.warn(`[kafka] ${s}`) });
    const b = `127.0.0.1:${SUITE.port}`;
    const topics = shOk(`bin/kafka-topics.sh --bootstrap-server ${b} --list --exclude-internal`).split('\n');
    for (const t of topics.filter(Boolean))
      sh(`bin/kafka-topics.sh --bootstrap-server ${b} --delete --topic ${t}`);
    sh(`bin/kafka-consumer-groups.sh --bootstrap-server ${b} --delete --all-groups`);
    return;
  }
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
