import { describe, expect, it } from 'vitest';
import { formatRealityHash, isRealityHash, parseRealityHash } from './reality-url';

describe("reality mode's place in the URL", () => {
  it('reads the view and the topic, and writes them back the same', () => {
    expect(parseRealityHash('#/reality/brokers/orders')).toEqual({
      view: 'brokers',
      topic: 'orders',
      notice: null,
    });
    expect(formatRealityHash('brokers', 'orders')).toBe('#/reality/brokers/orders');
    expect(parseRealityHash(formatRealityHash('consumers', 'a/b c'))?.topic).toBe('a/b c');
  });

  it('leaves every deck place to the deck', () => {
    expect(parseRealityHash('#/produce-no-key/3')).toBeNull();
    expect(isRealityHash('#/realityx/1')).toBe(false);
    expect(isRealityHash('')).toBe(false);
  });

  it('lands a wrong view on the topic lanes with a notice', () => {
    const place = parseRealityHash('#/reality/nonsense');
    expect(place?.view).toBe('topics');
    expect(place?.notice).toMatch(/no real view "nonsense"/);
    expect(parseRealityHash('#/reality')).toEqual({ view: 'topics', topic: null, notice: null });
  });
});
