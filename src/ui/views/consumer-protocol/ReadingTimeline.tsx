/**
 * One protocol's reading timeline: for each partition, who read it when (a gap is a partition nobody read),
 * the classic group's rebalances as barriers, and crashes marked where they happened.
 */
import type { EngineEvent, PartitionReadingSpan } from '../../../engine';
import { type PanelLayout, xOf } from './protocol-layout';

const COLOURS = ['#17bebb', '#ffc914', '#c48be0', '#76b041', '#f08a4b'];
/** c1 and n1 share a colour, c2 and n2 ...: the two pictures compare like with like. */
const colourOf = (consumer: string) =>
  COLOURS[(Number(consumer.replace(/\D/g, '')) - 1 + COLOURS.length) % COLOURS.length];

export interface Crash {
  readonly consumer: string;
  readonly atMs: number;
}

export function Timeline({
  layout,
  readers,
  partitions,
  window,
  crashes,
  barriers = [],
  testId,
}: {
  barriers?: readonly { readonly fromMs: number; readonly toMs: number | null }[];
  layout: PanelLayout;
  readers: Record<number, readonly PartitionReadingSpan[]>;
  partitions: number;
  window: readonly [number, number];
  crashes: readonly Crash[];
  testId: string;
}) {
  const box = layout.timeline;
  const rowH = layout.rowHeight;
  const crashXs = crashes.map((c) => xOf(box, window, c.atMs));
  const shownBarriers = barriers.filter((b) => (b.toMs ?? window[1]) > window[0] && b.fromMs < window[1]);
  return (
    <g data-testid={testId}>
      {Array.from({ length: partitions }, (_, i) => i).map((p) => {
        const y = box.y + p * rowH;
        const spans = (readers[p] ?? []).filter((s) => (s.toMs ?? window[1]) > window[0]);
        const readerNow = spans.find((s) => s.toMs === null)?.consumer ?? '';
        return (
          <g
            key={p}
            data-testid={`${testId}-P${p}`}
            data-reader={readerNow}
            data-spans={spans.map((s) => s.consumer).join(',')}
          >
            <text
              className="row-label"
              x={box.x - 8}
              y={y + rowH / 2}
              textAnchor="end"
              dominantBaseline="central"
            >
              P{p}
            </text>
            <rect className="row-bg" x={box.x} y={y} width={box.w} height={rowH} />
            {spans.map((s) => {
              const x1 = xOf(box, window, s.fromMs);
              const x2 = xOf(box, window, s.toMs ?? window[1]);
              const w = Math.max(1, x2 - x1);
              return (
                <g key={`${s.consumer}-${s.fromMs}`} data-box="reading span">
                  <rect
                    className="span"
                    x={x1}
                    y={y + 4}
                    width={w}
                    height={rowH - 8}
                    rx={3}
                    style={{ fill: colourOf(s.consumer) }}
                  />
                  {w >= 36 && (
                    <text className="span-label" x={x1 + 5} y={y + rowH / 2} dominantBaseline="central">
                      {s.consumer}
                    </text>
                  )}
                </g>
              );
            })}
          </g>
        );
      })}
      {shownBarriers.map((b) => {
        const x1 = xOf(box, window, b.fromMs);
        const x2 = xOf(box, window, b.toMs ?? window[1]);
        return (
          <rect
            key={b.fromMs}
            className="barrier"
            data-testid="rebalance-barrier"
            x={x1}
            y={box.y}
            width={Math.max(2, x2 - x1)}
            height={box.h}
          >
            <title>rebalance: the JoinGroup/SyncGroup barrier</title>
          </rect>
        );
      })}
      {crashes.map((c) => {
        const x = xOf(box, window, c.atMs);
        return (
          <g key={c.consumer} data-testid={`crash-${c.consumer}`}>
            <line className="crash-line" x1={x} x2={x} y1={box.y} y2={box.y + box.h} />
            <text className="crash-label" x={x + 4} y={box.y + box.h + 18}>
              ✕ {c.consumer}
            </text>
          </g>
        );
      })}
      {/* A crash marked near an edge says where it is; the edge's time would sit under its label. */}
      {!crashXs.some((x) => x - box.x < 70) && (
        <text className="axis-label" x={box.x} y={box.y + box.h + 18}>
          {Math.round(window[0] / 1000)} s
        </text>
      )}
      {!crashXs.some((x) => box.x + box.w - x < 110) && (
        <text className="axis-label" x={box.x + box.w} y={box.y + box.h + 18} textAnchor="end">
          {Math.round(window[1] / 1000)} s
        </text>
      )}
    </g>
  );
}

export function crashesOf(
  events: readonly EngineEvent[],
  group: string,
  kind: 'consumerKilled' | 'modernConsumerKilled',
) {
  return events.flatMap((e) =>
    e.type === kind && e.group === group ? [{ consumer: e.consumer, atMs: e.atMs }] : [],
  );
}
