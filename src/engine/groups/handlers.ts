/**
 * The groups module's contribution to step(): handlers for its commands, the messages it receives and the
 * timers it sets, merged into the engine's registries in step.ts.
 */
import type { ModuleHandlers } from '../module';

export const groupHandlers: ModuleHandlers = { commands: {}, messages: {}, timers: {} };
