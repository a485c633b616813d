import { defineConfig } from 'vitest/config';

// The conformance suite (npm run test:kafka): real Apache Kafka judges the simulator. One cluster for the
// whole suite (conformance/global-setup.ts), files one after another: they share the cluster and 2 cores.
export default defineConfig({
  test: {
    // bridge/replay: a scene replayed on the same cluster (fresh topic and group names per run).
    include: ['conformance/**/*.test.ts', 'bridge/replay/**/*.kafka.test.ts'],
    environment: 'node',
    globalSetup: ['conformance/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // A hung tool must fail the suite, never wait for ever: every spawn has its own timeout too.
    teardownTimeout: 60_000,
    reporters: ['default'],
  },
});
