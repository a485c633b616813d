/** What the compaction view reads from a frame: the cleaner's passes, the log's items, what groups read. */
import type { CompactionEvent, EngineState, LogRecord } from '../../../engine';
import type { Frame } from '../../store/frames';

export type Cleaned = CompactionEvent & { atMs: number };

export const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

export function cleaningsOf(frame: Frame, topic: string): Cleaned[] {
  return frame.events.filter(
    (e): e is Cleaned => e.type === 'logCleaned' && e.topic === topic && e.partition === 0,
  );
}

export function itemAt(state: EngineState | undefined, topic: string, offset: number): LogRecord | undefined {
  const p = state?.topics[topic]?.partitions[0];
  const log = p && p.leader !== null ? p.logs[p.leader] : undefined;
  return log ? log.items[offset - log.base] : undefined;
}

/** Offsets each group processed during the step, up to the playhead. */
export function readNow(frame: Frame, playheadMs: number, topic: string, group: string): number[] {
  const out = new Set<number>();
  for (const e of frame.events)
    if (e.type === 'recordProcessed' && e.atMs <= playheadMs && e.topic === topic && e.group === group)
      out.add(e.offset);
  return [...out].sort((a, b) => a - b);
}

/** "pass at 30 s: removed offsets 2, 4, 7 · tombstone 8 kept until 50 s". */
export function passSummary(c: Cleaned): string {
  const removed = c.removedOffsets.filter((o) => !c.tombstonesRemoved.includes(o));
  const parts = [
    removed.length > 0 ? `removed offset${removed.length > 1 ? 's' : ''} ${removed.join(', ')}` : '',
    ...c.tombstonesRemoved.map((o) => `tombstone ${o} removed (past its horizon)`),
    ...c.tombstonesMarked.map((t) => `tombstone ${t.offset} kept until ${seconds(t.deleteHorizonMs)}`),
  ].filter((x) => x !== '');
  return `Cleaner pass at ${seconds(c.atMs)}: ${parts.join(' · ') || 'nothing to remove'}`;
}
