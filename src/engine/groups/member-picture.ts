/**
 * Read-only selectors for a picture of a member's two clocks: the poll timer the heartbeat thread checks
 * against max.poll.interval.ms, and the heartbeats it sends; and who is a member of a group at a moment, as
 * the coordinator's events tell it. They change nothing.
 */
import type { EngineEvent } from '../core/events';
import type { EngineState } from '../core/types';

export interface PollTimer {
  /** Time since the application last called poll(). */
  readonly sinceLastPollMs: number;
  readonly maxPollIntervalMs: number;
}

const lifecycle = new Set(['consumerAdded', 'consumerRestarted', 'consumerKilled', 'consumerClosed']);

/**
 * The poll timer of a consumer at atMs, or null when its process is not running then (or ran in an earlier
 * life than `state`'s). The app's loop polls every pollIntervalMs from its (re)start (poll.ts), so the last
 * poll before atMs is found from the last one `state` knows.
 */
export function pollTimerAt(
  state: EngineState,
  events: readonly EngineEvent[],
  consumer: string,
  atMs: number,
): PollTimer | null {
  const c = state.groups.consumers[consumer];
  if (!c) return null;
  let latest: EngineEvent | undefined;
  let restartedLater = false;
  for (const e of events) {
    if (!lifecycle.has(e.type) || !('consumer' in e) || e.consumer !== consumer) continue;
    if (e.atMs <= atMs) latest = e;
    else if (e.type === 'consumerRestarted') restartedLater = true;
  }
  if (!latest || latest.type === 'consumerKilled' || latest.type === 'consumerClosed' || restartedLater)
    return null;
  const period = c.config.pollIntervalMs;
  const last =
    atMs >= c.lastPollMs ? c.lastPollMs : c.lastPollMs - Math.ceil((c.lastPollMs - atMs) / period) * period;
  return { sinceLastPollMs: atMs - last, maxPollIntervalMs: c.config.maxPollIntervalMs };
}

/** When a consumer sent Heartbeats to its coordinator, within [fromMs, toMs]. */
export function heartbeatsSent(
  events: readonly EngineEvent[],
  consumer: string,
  fromMs: number,
  toMs: number,
): number[] {
  const from = `consumer:${consumer}`;
  return events
    .filter(
      (e) =>
        e.type === 'messageSent' &&
        e.message.kind === 'heartbeat' &&
        e.message.from === from &&
        e.message.sentAtMs >= fromMs &&
        e.message.sentAtMs <= toMs,
    )
    .map((e) => (e.type === 'messageSent' ? e.message.sentAtMs : 0));
}

/** A group's members at atMs by client (consumer) name, with their member ids, in join order. */
export function groupMembersAt(
  events: readonly EngineEvent[],
  group: string,
  atMs: number,
): { consumer: string; memberId: string }[] {
  const members = new Map<string, { consumer: string; memberId: string }>();
  for (const e of events) {
    if (e.atMs > atMs) break;
    if (e.type === 'memberJoined' && e.group === group)
      members.set(e.memberId, { consumer: e.consumer, memberId: e.memberId });
    if (e.type === 'memberRemoved' && e.group === group) members.delete(e.memberId);
  }
  return [...members.values()];
}
