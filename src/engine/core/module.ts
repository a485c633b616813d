/**
 * How a module of the engine (groups, replication, stream processing) plugs into step(): it names the
 * commands it handles, what it does when one of its messages arrives, and when one of its timers fires.
 * Each map is keyed by the module's own kinds (protocol.ts), so a missing or stray handler is a compile error.
 */
import type { EngineError } from './events';
import type { Envelope, TimerEntry } from './protocol';
import type { Tx } from './tx';

/** The message payload map of a module that sends no messages. */
export type NoMessages = Record<never, never>;

export type CommandHandlers<C extends { readonly type: string }> = {
  readonly [T in C['type']]: (tx: Tx, command: Extract<C, { type: T }>) => EngineError | undefined;
};

/** One handler per message kind of a payload map, given the message of that kind. */
export type MessageHandlers<Payloads> = {
  readonly [K in keyof Payloads & string]: (tx: Tx, message: Envelope<K, Payloads[K]>) => void;
};

/** One handler per timer kind of a payload map, given the timer of that kind. */
export type TimerHandlers<Payloads> = {
  readonly [K in keyof Payloads & string]: (tx: Tx, timer: TimerEntry<K, Payloads[K]>) => void;
};

export interface ModuleHandlers<C extends { readonly type: string }, MessagePayloads, TimerPayloads> {
  readonly commands: CommandHandlers<C>;
  readonly messages: MessageHandlers<MessagePayloads>;
  readonly timers: TimerHandlers<TimerPayloads>;
}
