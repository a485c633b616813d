/**
 * The ksql engine that `step` takes in its environment (engine-api.ts). Importing this module pulls in the
 * compiler and processor (ksql/); the app imports it lazily, tests and the bench import it directly.
 */
import { initialQueryState, processRecord } from '../ksql';
import { compileCached } from './compile-cache';
import { describeQuery } from './describe';
import type { KsqlEngine } from './engine-api';
import { placeRecord } from './placement';

export const ksqlEngine: KsqlEngine = {
  compile: compileCached,
  initialQueryState,
  processRecord,
  placeRecord,
  countColumn: (script) => describeQuery(script)?.countColumn ?? null,
  describe: describeQuery,
};
