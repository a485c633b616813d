/**
 * What a step may use besides its state and command, passed in rather than installed (TigerBeetle injects
 * time the same way): today the ksql engine, which the app loads on demand. An empty environment is valid;
 * a command that needs what is missing is refused with Kafka's error for it.
 */
import type { KsqlEngine } from '../ksql-runtime/engine-api';

export interface StepEnv {
  readonly ksql?: KsqlEngine;
}

export const NO_ENV: StepEnv = {};
