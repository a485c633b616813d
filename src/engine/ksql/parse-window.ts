/**
 * The WINDOW clause and durations, after ksqlDB's SqlBase.g4 (tumblingWindowExpression, hoppingWindowExpression,
 * sessionWindowExpression): RETENTION and GRACE PERIOD are optional and come in that order.
 */
import type { WindowSpec, WindowType } from './ast';
import { fail, ok, type Pos, type Result } from './errors';
import type { TokenStream } from './token-stream';

/** Singular or plural: `SIZE 5 MINUTE` is valid ksqlDB (KAFKA-DETAILS 4.1). */
const UNIT_MS: Record<string, number> = {
  MILLISECOND: 1,
  MILLISECONDS: 1,
  SECOND: 1000,
  SECONDS: 1000,
  MINUTE: 60_000,
  MINUTES: 60_000,
  HOUR: 3_600_000,
  HOURS: 3_600_000,
  DAY: 86_400_000,
  DAYS: 86_400_000,
};
export const UNITS = Object.keys(UNIT_MS);

export function parseDuration(ts: TokenStream): Result<{ ms: number; pos: Pos }> {
  const n = ts.expectInteger('a duration (e.g. 5 MINUTES)');
  if (!n.ok) return n;
  const unit = ts.peek();
  const factor = unit.kind === 'ident' ? UNIT_MS[unit.text] : undefined;
  if (factor === undefined)
    return ts.error(UNITS, 'a time unit (MILLISECONDS, SECONDS, MINUTES, HOURS or DAYS)');
  ts.next();
  return ok({ ms: n.value.value * factor, pos: n.value.pos });
}

/** `, RETENTION d` then `, GRACE PERIOD d`, both optional, then `)`. */
function parseWindowOptions(ts: TokenStream, spec: WindowSpec): Result<WindowSpec> {
  let allowed = ['RETENTION', 'GRACE'];
  while (ts.acceptSymbol(',')) {
    const word = ts.expectKeyword(...allowed);
    if (!word.ok) return word;
    if (word.value.text === 'GRACE') {
      const period = ts.expectKeyword('PERIOD');
      if (!period.ok) return period;
    }
    const d = parseDuration(ts);
    if (!d.ok) return d;
    if (word.value.text === 'RETENTION') {
      spec.retentionMs = d.value.ms;
      allowed = ['GRACE'];
    } else {
      spec.graceMs = d.value.ms;
      allowed = [];
    }
    if (allowed.length === 0) break;
  }
  if (!ts.isSymbol(')')) return ts.error(allowed.length > 0 ? ["','", "')'"] : ["')'"]);
  ts.next();
  return ok(spec);
}

/** After the WINDOW keyword. */
export function parseWindow(ts: TokenStream): Result<WindowSpec> {
  const kind = ts.expectKeyword('TUMBLING', 'HOPPING', 'SESSION');
  if (!kind.ok) return kind;
  const type = kind.value.text as WindowType;
  const open = ts.expectSymbol('(');
  if (!open.ok) return open;
  if (type !== 'SESSION') {
    const size = ts.expectKeyword('SIZE');
    if (!size.ok) return size;
  }
  const size = parseDuration(ts);
  if (!size.ok) return size;
  if (size.value.ms <= 0) return fail('Window size must be greater than zero.', size.value.pos);
  const spec: WindowSpec = { type, sizeMs: size.value.ms, pos: kind.value.pos };
  if (type === 'HOPPING') {
    for (const step of [
      () => ts.expectSymbol(','),
      () => ts.expectKeyword('ADVANCE'),
      () => ts.expectKeyword('BY'),
    ]) {
      const r = step();
      if (!r.ok) return r;
    }
    const advance = parseDuration(ts);
    if (!advance.ok) return advance;
    if (advance.value.ms <= 0 || advance.value.ms > size.value.ms)
      return fail('ADVANCE BY must be greater than zero and no larger than SIZE.', advance.value.pos);
    spec.advanceMs = advance.value.ms;
  }
  return parseWindowOptions(ts, spec);
}
