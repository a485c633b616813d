/**
 * The scene commands a replay does not play: the runner lists each in `skipped` with the reason the page's
 * plan gives (src/reality/replay-scenes.ts holds the one list).
 */
import type { Command } from '../../src/engine';
import { NOT_REPLAYED, type NotReplayedCommand } from '../../src/reality/replay-scenes';

export type NotReplayed = NotReplayedCommand;

export function whyNotReplayed(c: NotReplayed): string {
  const who = 'consumer' in c ? ` ${c.consumer}` : 'broker' in c ? ` ${c.broker}` : '';
  return `${(c as Command).type}${who}: ${NOT_REPLAYED[c.type]}`;
}
