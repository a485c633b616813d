// npm run kafka [-- --brokers 3] [--fresh]: a real Apache Kafka on 127.0.0.1 (see cluster.mjs).
// KAFKA_STAGE_PORT (default 19092) and KAFKA_STAGE_HOME (default .kafka/cluster) let two runs coexist.
import { parseArgs } from 'node:util';
import { startCluster } from './cluster.mjs';

const { values } = parseArgs({
  options: { brokers: { type: 'string', default: '1' }, fresh: { type: 'boolean', default: false } },
});
const brokers = Number(values.brokers);
if (!Number.isInteger(brokers) || brokers < 1 || brokers > 5) {
  console.error('--brokers takes 1 to 5.');
  process.exit(2);
}
try {
  const cluster = await startCluster({ brokers, fresh: values.fresh });
  const pids = cluster.nodes.map((n) => `${n.roles} ${n.id}: ${n.pid}`).join(', ');
  console.error(`PIDs (${pids}) recorded in ${cluster.home}/pids.json; stop with: npm run kafka:stop`);
  console.error(`Try: bin/kafka-topics.sh --bootstrap-server ${cluster.bootstrap.split(',')[0]} --list`);
  // The one line on stdout, for scripts: BOOTSTRAP=$(npm run -s kafka)
  process.stdout.write(`${cluster.bootstrap}\n`);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
