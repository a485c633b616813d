// npm run real [-- --brokers 3] [--poll-ms 500] [--records 20] [--port 4173]: the project's own Kafka cluster
// (scripts/kafka, same ports, storage and PID file as `npm run kafka`) and the app with the reality-mode bridge
// to it. Every action is allowed (it is the project's scratch cluster, whose brokers it may kill by PID).
// Ctrl+C stops the app, then the cluster by its recorded PIDs (a cluster that was already running is left up).
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { startCluster, stopCluster } from './kafka/cluster.mjs';

const { values } = parseArgs({
  options: {
    brokers: { type: 'string', default: '3' },
    'poll-ms': { type: 'string', default: '500' },
    records: { type: 'string', default: '20' },
    port: { type: 'string', default: '4173' },
  },
});
const brokers = Number(values.brokers);
if (!Number.isInteger(brokers) || brokers < 1 || brokers > 5) {
  console.error('--brokers takes 1 to 5.');
  process.exit(2);
}

let cluster;
try {
  cluster = await startCluster({ brokers });
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
const ours = !cluster.reused;

const app = spawn(
  process.execPath,
  [
    'scripts/serve.mjs',
    '--kafka',
    cluster.bootstrap,
    '--local-home',
    cluster.home,
    '--allow-admin',
    '--poll-ms',
    values['poll-ms'],
    '--records',
    values.records,
    '--port',
    values.port,
  ],
  { stdio: 'inherit' },
);

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  const finish = () => {
    if (ours) stopCluster();
    else
      console.error(
        'The cluster was already running before npm run real: left up (npm run kafka:stop stops it).',
      );
    process.exit(code);
  };
  if (app.exitCode !== null || app.signalCode !== null) finish();
  else {
    app.once('exit', finish);
    app.kill('SIGTERM');
  }
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(0));
app.on('exit', (code) => stop(code ?? 0));
