import { describe, expect, it } from 'vitest';
import { generateAuthorizationAttempts } from './generator';

describe('generateAuthorizationAttempts', () => {
  it('gives the same records for the same seed and different ones for another seed', () => {
    const a = generateAuthorizationAttempts({ seed: 7, count: 300, startMs: 0 });
    const b = generateAuthorizationAttempts({ seed: 7, count: 300, startMs: 0 });
    const c = generateAuthorizationAttempts({ seed: 8, count: 300, startMs: 0 });
    expect(a).toEqual(b);
    expect(a.records).not.toEqual(c.records);
  });

  it('produces count records in timestamp order, keyed by card, with realistic values', () => {
    const { records, fraudCards } = generateAuthorizationAttempts({
      seed: 1,
      count: 1000,
      startMs: 1_700_000_000_000,
    });
    expect(records).toHaveLength(1000);
    expect(fraudCards).toHaveLength(3);
    for (let i = 1; i < records.length; i++)
      expect(records[i]!.ts).toBeGreaterThanOrEqual(records[i - 1]!.ts);
    for (const r of records) {
      expect(r.key).toBe(r.value.card_number);
      expect(r.value.card_number).toMatch(/^\d{4}-\d{4}-\d{4}-\d{4}$/);
      expect(r.value.amount).toBeGreaterThan(0);
      expect(typeof r.value.merchant).toBe('string');
    }
  });

  it('hammers each fraud card in bursts of 4 to 8 attempts', () => {
    const { records, fraudCards } = generateAuthorizationAttempts({ seed: 3, count: 2000, startMs: 0 });
    for (const card of fraudCards) {
      const n = records.filter((r) => r.key === card).length;
      expect(n).toBeGreaterThanOrEqual(8);
      expect(n).toBeLessThanOrEqual(16);
    }
  });

  it('sends a share of records late when asked', () => {
    const { records } = generateAuthorizationAttempts({
      seed: 3,
      count: 2000,
      startMs: 1e12,
      lateShare: 0.05,
    });
    const outOfOrder = records.filter((r, i) => i > 0 && r.ts < records[i - 1]!.ts).length;
    expect(outOfOrder).toBeGreaterThan(20);
  });
});
