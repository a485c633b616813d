/**
 * Events as diffable text, one line per event, for golden traces: a behaviour change shows up in review as
 * a line-level diff. Keys are sorted so the format does not depend on how an object was built.
 */
import type { EngineEvent } from './events';

function stable(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'undefined';
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${k}:${stable(x)}`).join(',')}}`;
}

export function formatEvent(e: EngineEvent): string {
  const { atMs, type, ...rest } = e;
  return `${String(atMs).padStart(8)} ${type} ${stable(rest)}`;
}

export function formatTrace(events: readonly EngineEvent[]): string {
  return events.map(formatEvent).join('\n');
}

/**
 * The canonical text of a value: equal values give equal strings (byte-for-byte determinism checks). A
 * replica log shows only the records it holds; its shared array may hold more for later states.
 */
export function canonical(v: unknown): string {
  return stable(visible(v));
}

function visible(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(visible);
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.items) && typeof o.base === 'number' && typeof o.logEndOffset === 'number') {
    const { items, ...rest } = o;
    return {
      ...(visible(rest) as object),
      items: items.slice((o.logStartOffset as number) - o.base, o.logEndOffset - o.base),
    };
  }
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, visible(x)]));
}
