/**
 * Records in flight, precomputed once per frame as straight paths in model time; the canvas then draws the
 * ones on the wire at the playhead, every animation frame, without React. One dot per request, not per
 * record: hundreds of batches read as traffic, thousands of records as noise. Two colours with one meaning
 * each: produced (producer to broker) and fetched (broker to consumer).
 */
import type { EngineEvent } from '../../../engine';
import { brokerIdOf } from '../../../engine';
import type { Box } from './layout';

export interface Flight {
  sentAtMs: number;
  arrivesAtMs: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  kind: 'produce' | 'fetch';
  /** Records the request carries. */
  records: number;
}

const centre = (b: Box) => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 });

type RecordLike = unknown;

export function flightsOf(
  events: readonly EngineEvent[],
  producers: Map<string, Box>,
  brokers: Map<number, Box>,
  consumers: Map<string, Box>,
): Flight[] {
  const out: Flight[] = [];
  for (const e of events) {
    if (e.type !== 'messageSent') continue;
    const m = e.message;
    const p = m.payload as Record<string, unknown>;
    let from: Box | undefined;
    let to: Box | undefined;
    let records: RecordLike[] = [];
    if (m.kind === 'produceRequest') {
      from = producers.get(String(p.producer));
      to = brokers.get(brokerIdOf(m.to));
      records = (p.records as RecordLike[]) ?? [];
    } else if (m.kind === 'fetchResponse' && m.to.startsWith('consumer:')) {
      from = brokers.get(brokerIdOf(m.from));
      to = consumers.get(m.to.slice('consumer:'.length));
      for (const part of (p.partitions as { records?: RecordLike[] }[]) ?? [])
        records.push(...(part.records ?? []));
    }
    if (!from || !to || records.length === 0) continue;
    const a = centre(from);
    const b = centre(to);
    out.push({
      sentAtMs: m.sentAtMs,
      arrivesAtMs: m.arrivesAtMs,
      x0: a.x,
      y0: a.y,
      x1: b.x,
      y1: b.y,
      kind: m.kind === 'produceRequest' ? 'produce' : 'fetch',
      records: records.length,
    });
  }
  return out;
}

/** Draws the requests on the wire at `playheadMs`; returns how many records they carry. */
export function drawFlights(
  ctx: CanvasRenderingContext2D,
  flights: readonly Flight[],
  playheadMs: number,
  scale: number,
  colours: { produce: string; fetch: string },
): number {
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  let records = 0;
  const r = 4 * scale;
  for (const f of flights) {
    if (playheadMs < f.sentAtMs || playheadMs >= f.arrivesAtMs) continue;
    const t = (playheadMs - f.sentAtMs) / (f.arrivesAtMs - f.sentAtMs);
    ctx.fillStyle = colours[f.kind];
    ctx.beginPath();
    ctx.arc((f.x0 + (f.x1 - f.x0) * t) * scale, (f.y0 + (f.y1 - f.y0) * t) * scale, r, 0, 2 * Math.PI);
    ctx.fill();
    records += f.records;
  }
  return records;
}
