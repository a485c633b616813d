/** The ksql engine for tests that call it directly (the app loads it on demand through the front door). */
export { ksqlEngine } from '../ksql-runtime/ksql-engine';
