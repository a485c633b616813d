/**
 * What the stage says about its link to the cluster, as plain data: live, connecting, unreachable since a
 * time and retrying, or stale (no snapshot for several polls while the page thinks it is connected), so a
 * picture is never frozen without saying so. Pure, so the states are tested without a browser.
 */
import type { RealSnapshot } from '../../reality/protocol';
import type { BridgeLink } from './reality-store';

export type RealStatus =
  | { kind: 'live'; text: string }
  | { kind: 'connecting'; text: string }
  | { kind: 'unreachable'; text: string; since: number }
  | { kind: 'stale'; text: string };

/** hh:mm:ss in the room's own clock, as an operator reads a log line. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** Snapshots missed before the picture is called stale: a slow poll is not yet a dead bridge. */
const STALE_AFTER_POLLS = 3;
const STALE_MIN_MS = 4000;

export function realStatus(
  snapshot: RealSnapshot | null,
  link: BridgeLink,
  now: number,
  pollMs: number,
): RealStatus {
  if (link.state === 'lost')
    return {
      kind: 'unreachable',
      since: link.since,
      text: `bridge unreachable since ${clockTime(link.since)}, retrying`,
    };
  if (snapshot === null) return { kind: 'connecting', text: 'connecting to the bridge…' };
  const r = snapshot.reachability;
  if (r.state === 'unreachable')
    return {
      kind: 'unreachable',
      since: r.since,
      text: `cluster unreachable since ${clockTime(r.since)}, retrying`,
    };
  if (r.state === 'connecting') return { kind: 'connecting', text: `connecting to ${snapshot.bootstrap}…` };
  if (now - snapshot.at > Math.max(STALE_MIN_MS, STALE_AFTER_POLLS * pollMs))
    return { kind: 'stale', text: `no news from the bridge since ${clockTime(snapshot.at)}` };
  return { kind: 'live', text: `live · ${clockTime(snapshot.at)}` };
}
