/** The replication module's contribution to step()'s registries. */
import type { ModuleHandlers } from '../module';

export const replicationHandlers: ModuleHandlers = { commands: {}, messages: {}, timers: {} };
