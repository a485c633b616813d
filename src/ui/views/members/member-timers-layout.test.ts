import { describe, expect, it } from 'vitest';
import { cardLayout, H, pollFill, roundsTop } from './member-timers-layout';

describe('the member-timers layout', () => {
  it('stacks two cards per column, each with its bars inside, and leaves room for the generations below', () => {
    const first = cardLayout(0, 0);
    const second = cardLayout(0, 1);
    expect(first.card.y + first.card.h).toBeLessThan(second.card.y);
    for (const b of [second.pollBar, second.beats]) {
      expect(b.y).toBeGreaterThan(second.card.y);
      expect(b.y + b.h).toBeLessThan(second.card.y + second.card.h);
      expect(b.x + b.w).toBeLessThan(second.card.x + second.card.w - 100);
    }
    expect(roundsTop(2) + 2 * 28).toBeLessThan(H);
    expect(cardLayout(1, 0).card.x).toBeGreaterThan(first.card.x + first.card.w);
  });

  it('fills the poll bar in proportion to max.poll.interval.ms, full once it has run out', () => {
    const bar = cardLayout(0, 0).pollBar;
    expect(pollFill(bar, 5000, 10_000)).toBe(bar.w / 2);
    expect(pollFill(bar, 15_000, 10_000)).toBe(bar.w);
  });
});
