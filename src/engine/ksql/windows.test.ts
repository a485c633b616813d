import { describe, expect, it } from 'vitest';
import type { WindowSpec } from './ast';
import {
  effectiveGraceMs,
  expiredBeforeEmit,
  sessionLate,
  sessionTouches,
  sessionVisible,
  timeWindowOpen,
  windowStartsFor,
} from './windows';

const pos = { line: 1, column: 1 };
const tumbling = (sizeMs: number, graceMs?: number): WindowSpec => ({
  type: 'TUMBLING',
  sizeMs,
  graceMs,
  pos,
});

describe('time window assignment (TimeWindows.windowsFor)', () => {
  it('puts a record in exactly one epoch-aligned tumbling window', () => {
    expect(windowStartsFor(299_999, 300_000, 300_000)).toEqual([0]);
    expect(windowStartsFor(1_700_000_123_456, 300_000, 300_000)).toEqual([1_700_000_100_000]);
  });

  it('puts a record exactly on a boundary in the window that starts there (start inclusive, end exclusive)', () => {
    expect(windowStartsFor(300_000, 300_000, 300_000)).toEqual([300_000]);
    expect(windowStartsFor(0, 300_000, 300_000)).toEqual([0]);
  });

  it('puts a hopping record in every containing window, by increasing start (QTT hopping-windows "count": 10345)', () => {
    expect(windowStartsFor(10_345, 5000, 1000)).toEqual([6000, 7000, 8000, 9000, 10_000]);
  });

  it('starts no hopping window before the epoch', () => {
    expect(windowStartsFor(1500, 5000, 1000)).toEqual([0, 1000]);
    expect(windowStartsFor(-1, 5000, 1000)).toEqual([]);
  });

  it('puts a hopping record on a boundary into the window starting there but not the one ending there', () => {
    expect(windowStartsFor(10_000, 5000, 1000)).toEqual([6000, 7000, 8000, 9000, 10_000]);
  });
});

describe('grace and closing (KAFKA-DETAILS 4.3)', () => {
  it('defaults the grace to max(24h - size, 0), so a window closes 24 h after its start', () => {
    expect(effectiveGraceMs(tumbling(300_000), 'CHANGES')).toBe(24 * 3_600_000 - 300_000);
    expect(effectiveGraceMs(tumbling(2 * 86_400_000), 'CHANGES')).toBe(0);
  });

  it('uses grace 0 for EMIT FINAL without GRACE PERIOD, and the given grace otherwise', () => {
    expect(effectiveGraceMs(tumbling(300_000), 'FINAL')).toBe(0);
    expect(effectiveGraceMs(tumbling(300_000, 60_000), 'FINAL')).toBe(60_000);
  });

  it('keeps [0,30000) open at stream time 89999 and closes it at 90000 with a 1 min grace (QTT tumbling)', () => {
    expect(timeWindowOpen(30_000, 89_999, 60_000)).toBe(true);
    expect(timeWindowOpen(30_000, 90_000, 60_000)).toBe(false);
  });

  it('expires a closed window for EMIT FINAL once a start more than size + grace later is written', () => {
    // QTT suppress.json "should support final results for tumbling windows": size 2, grace 1, newest start 4.
    expect(expiredBeforeEmit(0, 4, 3)).toBe(true);
    expect(expiredBeforeEmit(2, 4, 3)).toBe(false);
  });
});

describe('session windows', () => {
  it('merges sessions within the gap, both bounds inclusive', () => {
    expect(sessionTouches({ start: 0, end: 0 }, 30_000, 30_000)).toBe(true);
    expect(sessionTouches({ start: 0, end: 0 }, 30_001, 30_000)).toBe(false);
    expect(sessionTouches({ start: 60_000, end: 70_000 }, 30_000, 30_000)).toBe(true);
  });

  it('hides sessions past the store retention (QTT "out of order - explicit grace period")', () => {
    // gap 30 s + grace 1 min = 90 s retention, largest end 100010: [0,0] is gone.
    expect(sessionVisible(0, 100_010, 90_000)).toBe(false);
    expect(sessionVisible(10_011, 100_010, 90_000)).toBe(true);
  });

  it('drops a merged session ending before stream time - grace - gap as late', () => {
    expect(sessionLate(10_009, 100_010, 60_000, 30_000)).toBe(true);
    expect(sessionLate(10_010, 100_010, 60_000, 30_000)).toBe(false);
  });
});
