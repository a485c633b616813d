import { describe, expect, it } from 'vitest';
import { AT, healthySnapshot, unreachableSnapshot } from '../../reality/testing/snapshots';
import { clockTime, realStatus } from './real-status';

const open = { state: 'open', since: AT } as const;

describe('what the real stage says about its cluster', () => {
  it('says since when the cluster is unreachable and that the bridge retries', () => {
    const s = realStatus(unreachableSnapshot(), open, AT + 5000, 1000);
    expect(s.kind).toBe('unreachable');
    expect(s.text).toBe(`cluster unreachable since ${clockTime(AT)}, retrying`);
  });

  it('says the bridge itself is gone when the page lost it, whatever the last snapshot said', () => {
    const s = realStatus(healthySnapshot(), { state: 'lost', since: AT + 1000 }, AT + 3000, 1000);
    expect(s).toMatchObject({
      kind: 'unreachable',
      text: expect.stringMatching(/^bridge unreachable since/),
    });
  });

  it('never shows an old picture as live: stale after three missed polls', () => {
    expect(realStatus(healthySnapshot(), open, AT + 1500, 1000).kind).toBe('live');
    expect(realStatus(healthySnapshot(), open, AT + 4500, 1000).kind).toBe('stale');
  });

  it('is connecting before the first snapshot', () => {
    expect(realStatus(null, { state: 'connecting', since: AT }, AT, 1000).kind).toBe('connecting');
  });

  it('writes times as hh:mm:ss', () => {
    expect(clockTime(new Date(2026, 0, 1, 9, 3, 4).getTime())).toBe('09:03:04');
  });
});
