import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// Reality mode against a real Kafka cluster (issue 18): `npm run real` on ports of its own, three brokers,
// started by the web server below and stopped with it (by the PIDs scripts/kafka recorded). Part of
// `npm run test:kafka`. REALITY_PORT / KAFKA_STAGE_PORT / KAFKA_STAGE_HOME let two checkouts run side by side.
const port = Number(process.env.REALITY_PORT ?? 4177);
const kafkaPort = process.env.KAFKA_STAGE_PORT ?? '19800';
const kafkaHome = process.env.KAFKA_STAGE_HOME ?? '.kafka/reality-e2e';
process.env.KAFKA_STAGE_PORT = kafkaPort;
process.env.KAFKA_STAGE_HOME = kafkaHome;

export default defineConfig({
  ...base,
  testDir: 'e2e',
  testMatch: 'reality*.spec.ts',
  testIgnore: [],
  // A cluster stopped and started again inside one test takes minutes on a shared machine.
  timeout: 420_000,
  use: { ...base.use, baseURL: `http://127.0.0.1:${port}/` },
  webServer: {
    command: `node scripts/real.mjs --brokers 3 --port ${port} --poll-ms 300`,
    url: `http://127.0.0.1:${port}/api/reality/info`,
    reuseExistingServer: !process.env.CI,
    // The first start fetches Kafka's jars; three brokers then take a minute or two on two cores.
    timeout: 400_000,
    env: { KAFKA_STAGE_PORT: kafkaPort, KAFKA_STAGE_HOME: kafkaHome },
    gracefulShutdown: { signal: 'SIGTERM', timeout: 60_000 },
  },
});
