/**
 * The ksql engine the runtime installs in its slot (engine-slot.ts). Importing this module pulls in the
 * compiler and processor (ksql/); the app imports it lazily, node imports it at start.
 */
import { initialQueryState, processRecord } from '../ksql';
import { compileCached } from './compile-cache';
import { describeQuery } from './describe';
import type { KsqlEngine } from './engine-slot';
import { placeRecord } from './placement';

export const ksqlEngine: KsqlEngine = {
  compile: compileCached,
  initialQueryState,
  processRecord,
  placeRecord,
  countColumn: (script) => describeQuery(script)?.countColumn ?? null,
  describe: describeQuery,
};
