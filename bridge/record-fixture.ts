/**
 * `npx tsx bridge/record-fixture.ts <bootstrap> <name>`: records one poll of a real cluster as
 * src/reality/fixtures/<name>.json, the input of the mapping's unit tests.
 */
import { writeFileSync } from 'node:fs';
import { ClusterReader, parseBootstrap } from './collect';

const [bootstrap = '127.0.0.1:19092', name = 'poll'] = process.argv.slice(2);
const reader = new ClusterReader(parseBootstrap(bootstrap));
const poll = await reader.poll(5);
const file = new URL(`../src/reality/fixtures/${name}.json`, import.meta.url);
writeFileSync(file, `${JSON.stringify({ recordedAt: new Date().toISOString(), bootstrap, poll }, null, 1)}\n`);
console.error(`wrote ${file.pathname}`);
await reader.close();
process.exit(0);
