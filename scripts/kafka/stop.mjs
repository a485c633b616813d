// npm run kafka:stop [-- --node-id N]: stops exactly the processes `npm run kafka` recorded.
import { parseArgs } from 'node:util';
import { readPids, settings, signalNode, stopCluster } from './cluster.mjs';

const { values } = parseArgs({ options: { 'node-id': { type: 'string' } } });
if (values['node-id'] !== undefined) {
  const id = Number(values['node-id']);
  const known = readPids(settings().home)?.nodes.map((n) => n.id) ?? [];
  if (!known.includes(id)) {
    console.error(`No node ${id} recorded (known: ${known.join(', ') || 'none'}).`);
    process.exit(1);
  }
  console.error(signalNode(id, 'SIGTERM') ? `Sent SIGTERM to node ${id}.` : `Node ${id} is not running.`);
} else {
  stopCluster();
}
