import { defineConfig } from 'vitest/config';

// The bridge against real Kafka (part of npm run test:kafka): its own cluster (bridge/test-cluster.ts), since
// the test kills a broker and stops the whole cluster, which the conformance suite's files must not see.
export default defineConfig({
  test: {
    include: ['bridge/**/*.test.ts'],
    // The replay's test runs on the conformance suite's cluster (vitest.kafka.config.ts), not this one.
    exclude: ['bridge/replay/**', '**/node_modules/**'],
    environment: 'node',
    globalSetup: ['bridge/test-cluster.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 300_000,
    teardownTimeout: 60_000,
    reporters: ['default'],
  },
});
