/**
 * Time travel. The truth is a run, `{ seed, commands }`; a Timeline caches states along it: a checkpoint
 * every CHECKPOINT_EVERY commands (immutable states share structure, so a checkpoint is one reference),
 * and the last state it visited. seek(k) restores the nearest checkpoint at or before k and replays at most
 * CHECKPOINT_EVERY - 1 commands. A command issued at k forks the run there and drops the old future:
 * truncate(k), then push (computed at once, for its events or error) or extend (computed when sought); the
 * checkpoints before k are kept. The environment (the ksql engine) is given once, for every step of the run.
 */
import type { Command } from './commands';
import { NO_ENV, type StepEnv } from './env';
import type { EngineError, EngineEvent } from './events';
import { initialState, type StepResult, step } from './step';
import type { EngineState } from './types';

export interface Run {
  readonly seed: number;
  readonly commands: readonly Command[];
}

export const CHECKPOINT_EVERY = 32;

export interface SeekResult {
  /** The state after the first k commands. */
  state: EngineState;
  /** The events of command k - 1 (what the view animates on arriving at k), or of none for k = 0. */
  events: EngineEvent[];
  /** The error command k - 1 gave, if it was refused (the state is then the one before it). */
  error?: EngineError;
}

export class Timeline {
  private commands: Command[];
  /** checkpoints[i] is the state after i * CHECKPOINT_EVERY commands. */
  private checkpoints: EngineState[];
  private last: { k: number; state: EngineState };

  constructor(
    readonly seed: number,
    commands: readonly Command[] = [],
    readonly env: StepEnv = NO_ENV,
  ) {
    this.commands = commands.slice();
    const s0 = initialState(seed);
    this.checkpoints = [s0];
    this.last = { k: 0, state: s0 };
  }

  get length(): number {
    return this.commands.length;
  }

  run(): Run {
    return { seed: this.seed, commands: this.commands.slice() };
  }

  commandAt(i: number): Command | undefined {
    return this.commands[i];
  }

  private startFor(k: number): { k: number; state: EngineState } {
    const ci = Math.min(Math.floor(k / CHECKPOINT_EVERY), this.checkpoints.length - 1);
    const fromCheckpoint = { k: ci * CHECKPOINT_EVERY, state: this.checkpoints[ci]! };
    return this.last.k <= k && this.last.k > fromCheckpoint.k ? this.last : fromCheckpoint;
  }

  /** The state after the first k commands, from the nearest cached state at or before k. */
  stateAt(k: number): EngineState {
    const target = Math.max(0, Math.min(Math.floor(k), this.commands.length));
    let { k: at, state } = this.startFor(target);
    while (at < target) {
      state = step(state, this.commands[at]!, this.env).state;
      at++;
      if (at % CHECKPOINT_EVERY === 0 && this.checkpoints.length === at / CHECKPOINT_EVERY)
        this.checkpoints.push(state);
    }
    this.last = { k: target, state };
    return state;
  }

  /** The state after the first k commands (0 <= k <= length), with the events or error of the last one. */
  seek(k: number): SeekResult {
    const target = Math.max(0, Math.min(Math.floor(k), this.commands.length));
    if (target === 0) return { state: this.stateAt(0), events: [] };
    const before = this.stateAt(target - 1);
    const result = step(before, this.commands[target - 1]!, this.env);
    this.last = { k: target, state: result.state };
    if (target % CHECKPOINT_EVERY === 0 && this.checkpoints.length === target / CHECKPOINT_EVERY) {
      this.checkpoints.push(result.state);
    }
    return result.ok
      ? { state: result.state, events: result.events }
      : { state: result.state, events: [], error: result.error };
  }

  /** Appends a command at the end of the run; returns the state after it and its events or error. */
  push(command: Command): SeekResult {
    this.commands.push(command);
    return this.seek(this.commands.length);
  }

  /** Appends commands at the end of the run without computing them: their states come when sought. */
  extend(commands: readonly Command[]): void {
    for (const c of commands) this.commands.push(c);
  }

  /** How many checkpoints are cached (the state after 0, CHECKPOINT_EVERY, 2 * CHECKPOINT_EVERY... commands). */
  get checkpointCount(): number {
    return this.checkpoints.length;
  }

  /** Forks the run at k: drops every command from k on (and every cached state past k). */
  truncate(k: number): void {
    const at = Math.max(0, Math.min(k, this.commands.length));
    this.commands.length = at;
    // Only the checkpoints already computed: a run sought no further than its start has just the first.
    this.checkpoints.length = Math.min(this.checkpoints.length, Math.floor(at / CHECKPOINT_EVERY) + 1);
    if (this.last.k > at) this.last = { k: 0, state: this.checkpoints[0]! };
  }
}

/**
 * Replays a whole run from scratch: the reference that seek must equal, and the one loop over a run that
 * collects its events. `afterStep` sees each command's result (the property tests check invariants there).
 */
export function replay(
  run: Run,
  env: StepEnv = NO_ENV,
  afterStep?: (result: StepResult, command: Command) => void,
): { state: EngineState; events: EngineEvent[]; errors: EngineError[] } {
  let state = initialState(run.seed);
  const events: EngineEvent[] = [];
  const errors: EngineError[] = [];
  for (const c of run.commands) {
    const r = step(state, c, env);
    state = r.state;
    if (r.ok) events.push(...r.events);
    else errors.push(r.error);
    afterStep?.(r, c);
  }
  return { state, events, errors };
}
