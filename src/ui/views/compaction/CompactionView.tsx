/**
 * A compacted partition as a row of offsets: each record in its key's colour, the gaps the log cleaner left
 * (dashed, the offset kept), the segments under them (clean, dirty, active), the cleaner point, tombstones
 * with their delete horizon, the groups reading it, and the table a reader from the beginning builds. The
 * cleaner's pass is animated from its logCleaned event: a sweep crosses the cleaned part and the superseded
 * records go as it reaches them.
 */
import { compactionPicture, type LogRecord, tableOf, tpKey } from '../../../engine';
import type { SceneView } from '../../../scenarios/types';
import type { Frame } from '../../store/frames';
import { CompactedTable, CompactionLegend } from './CompactedTable';
import { cleaningsOf, itemAt, passSummary, readNow, seconds } from './compaction-frame';
import {
  edgeX,
  GROUP_ROW_H,
  GROUPS_TOP,
  H,
  OFFSET_Y,
  RECORD_TOP,
  SEGMENT_H,
  SEGMENT_TOP,
  segmentBox,
  slotBox,
  W,
} from './compaction-layout';
import { OffsetSlot } from './OffsetSlot';
import './compaction.css';

type View = Extract<SceneView, { kind: 'compaction' }>;

/** How long (model ms) before a cleaning its sweep starts crossing the log. */
const SWEEP_MS = 2_000;
const GROUP_COLOURS = ['#17bebb', '#ffc914', '#a259c4', '#76b041'];

export function CompactionView({
  view,
  frame,
  playheadMs,
  step,
}: {
  view: View;
  frame: Frame;
  playheadMs: number;
  step: number;
}) {
  const pic = compactionPicture(frame.state, view.topic, 0);
  if (!pic) return null;
  const slots = view.slots;
  const cleanings = cleaningsOf(frame, view.topic);
  const pending = cleanings.filter((c) => c.atMs > playheadMs);
  const sweeping = pending.find((c) => c.atMs - SWEEP_MS <= playheadMs);
  const before = frame.fromState ?? frame.state;
  const beforePic = compactionPicture(before, view.topic, 0) ?? pic;
  // Until the step's first cleaning happens, the picture is the log as it was before it.
  const firstDirty = pending[0]?.firstDirtyOffset ?? pic.firstDirtyOffset;
  // The sweep crosses everything the pass rewrites: from the log start to the end of the cleaned part.
  const sweepTo = sweeping
    ? (sweeping.cleanedTo * (playheadMs - (sweeping.atMs - SWEEP_MS))) / SWEEP_MS
    : null;

  const recordAt = (o: number): { record: LogRecord | null; doomed: boolean } => {
    const removedLater = pending.find((c) => c.removedOffsets.includes(o));
    if (removedLater) {
      const r = itemAt(before, view.topic, o) ?? null;
      return { record: r, doomed: sweepTo !== null && removedLater === sweeping && o < sweepTo };
    }
    return { record: itemAt(frame.state, view.topic, o) ?? null, doomed: false };
  };
  const logEnd = pic.log.logEndOffset;
  const offsets = [...Array(Math.min(slots, logEnd)).keys()];
  const shown = offsets.map((o) => ({ o, ...recordAt(o) }));
  const appearedBy = (r: LogRecord) => r.appendedAtMs <= playheadMs;
  // The log end at the playhead: past the last record that has appeared.
  const endNow = Math.max(
    beforePic.log.logEndOffset,
    ...shown.filter((s) => s.record && appearedBy(s.record)).map((s) => s.o + 1),
  );
  // Segments: before a pending cleaning, the old boundaries; new rolls show once their first record has.
  const baseSet = new Set(pending.length > 0 ? beforePic.log.segmentBaseOffsets : pic.log.segmentBaseOffsets);
  for (const b of pic.log.segmentBaseOffsets) {
    const first = itemAt(frame.state, view.topic, b);
    if (b > Math.max(...beforePic.log.segmentBaseOffsets) && first && appearedBy(first)) baseSet.add(b);
  }
  const bases = [...baseSet].filter((b) => b <= endNow).sort((a, b) => a - b);
  const segments = bases.map((b, i) => ({
    base: b,
    end: bases[i + 1] ?? endNow,
    active: i === bases.length - 1,
  }));
  const stampedLater = new Map<number, number>();
  for (const c of pending) for (const t of c.tombstonesMarked) stampedLater.set(t.offset, t.deleteHorizonMs);
  const showTable = view.tableFrom !== undefined && step >= view.tableFrom;
  const table = tableOf(frame.state, view.topic);
  const nextPass = pic.nextCleanerPassMs;
  // The step's last pass the playhead has reached, said in words (what the sweep showed).
  const lastPass = cleanings.filter((c) => c.atMs <= playheadMs).at(-1);

  return (
    <svg
      className="stage-svg compaction"
      viewBox={`0 0 ${W} ${H}`}
      role="group"
      aria-label={`Compacted topic ${view.topic}, partition 0`}
    >
      <text className="cmp-title" x={12} y={30}>
        {view.topic} · partition 0 · cleanup.policy=compact
      </text>
      <text className="cmp-clock" x={W - 12} y={30} textAnchor="end" data-testid="clock">
        t = {seconds(playheadMs)}
      </text>
      <text className="cmp-status" x={12} y={60} data-testid="cleaner-status">
        {`Log cleaner: next pass at ${nextPass === null ? '–' : seconds(nextPass)} · dirty ${Math.round(
          pic.range.dirtyRatio * 100,
        )}% (cleans above ${Math.round(pic.minCleanableDirtyRatio * 100)}%)`}
      </text>

      {lastPass && (
        <text className="cmp-last-pass" x={12} y={88} data-testid="last-pass">
          {passSummary(lastPass)}
        </text>
      )}

      <g role="list" aria-label="Offsets of the partition" data-testid="offsets">
        {shown.map(({ o, record, doomed }) => {
          if (record && !appearedBy(record)) return null;
          return (
            <OffsetSlot
              key={o}
              o={o}
              record={record}
              doomed={doomed}
              slots={slots}
              horizon={record && !stampedLater.has(o) ? record.deleteHorizonMs : undefined}
            />
          );
        })}
      </g>
      {offsets.map((o) => {
        const box = slotBox(o, slots);
        const appeared = o < endNow;
        return appeared ? (
          <text
            key={o}
            className="cmp-offset"
            x={box.x + box.w / 2}
            y={OFFSET_Y}
            textAnchor="middle"
            dominantBaseline="central"
          >
            {o}
          </text>
        ) : null;
      })}

      {segments.map((s) => {
        const box = segmentBox(s.base, s.end, slots);
        const kind = s.active ? 'active' : s.end <= firstDirty ? 'clean' : 'dirty';
        return (
          <g key={s.base} data-box="segment" data-testid="segment" data-base={s.base} data-kind={kind}>
            <rect className={`cmp-segment ${kind}`} x={box.x} y={box.y} width={box.w} height={box.h} rx={6} />
            <text
              className="cmp-segment-label"
              x={box.x + box.w / 2}
              y={box.y + SEGMENT_H / 2}
              textAnchor="middle"
              dominantBaseline="central"
            >
              {kind === 'active'
                ? box.w > 150
                  ? 'active segment'
                  : 'active'
                : box.w > 150
                  ? `${kind} segment`
                  : kind}
            </text>
          </g>
        );
      })}

      <g data-testid="cleaner-point" data-offset={firstDirty}>
        <line
          className="cmp-point"
          x1={edgeX(firstDirty, slots)}
          x2={edgeX(firstDirty, slots)}
          y1={RECORD_TOP - 4}
          y2={SEGMENT_TOP + SEGMENT_H + 6}
        />
        <text
          className="cmp-point-label"
          x={edgeX(firstDirty, slots) + (firstDirty === 0 ? 4 : -4)}
          y={RECORD_TOP - 8}
          textAnchor={firstDirty === 0 ? 'start' : 'end'}
        >
          {firstDirty === 0 ? 'cleaner point: nothing cleaned yet' : `clean ← cleaner point ${firstDirty}`}
        </text>
      </g>
      {sweepTo !== null && (
        <line
          className="cmp-sweep"
          data-testid="sweep"
          x1={edgeX(sweepTo, slots)}
          x2={edgeX(sweepTo, slots)}
          y1={RECORD_TOP - 6}
          y2={RECORD_TOP + 110}
        />
      )}

      {view.groups.map((g, gi) => {
        const consumers = Object.values(frame.state.groups.consumers).filter((c) => c.group === g);
        if (consumers.length === 0) return null;
        const position = Math.max(...consumers.map((c) => c.positions[tpKey(view.topic, 0)] ?? -1));
        const now = readNow(frame, playheadMs, view.topic, g);
        const y = GROUPS_TOP + gi * GROUP_ROW_H;
        const colour = GROUP_COLOURS[gi % GROUP_COLOURS.length];
        return (
          <text
            key={g}
            className="cmp-group"
            x={12}
            y={y}
            style={{ fill: colour }}
            data-testid={`group-${g}`}
            data-position={position}
            data-read-now={now.join(',')}
          >
            {`group ${g}: ${now.length > 0 ? `read offset${now.length > 1 ? 's' : ''} ${now.join(', ')} · ` : ''}${position < 0 ? 'joining' : `next offset ${position}`}`}
          </text>
        );
      })}

      {showTable ? <CompactedTable topic={view.topic} table={table} /> : <CompactionLegend />}
    </svg>
  );
}
