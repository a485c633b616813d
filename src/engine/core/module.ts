/**
 * How a module of the engine (groups, replication, stream processing) plugs into step(): it names the
 * commands it handles, what it does when one of its messages arrives, and when one of its timers fires.
 */
import type { EngineError } from './events';
import type { Tx } from './tx';
import type { Message, Timer } from './types';

export interface ModuleHandlers {
  // biome-ignore lint/suspicious/noExplicitAny: each module narrows its own command type
  readonly commands: Readonly<Record<string, (tx: Tx, command: any) => EngineError | undefined>>;
  readonly messages: Readonly<Record<string, (tx: Tx, message: Message) => void>>;
  readonly timers: Readonly<Record<string, (tx: Tx, timer: Timer) => void>>;
}
