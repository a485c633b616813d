import { describe, expect, it } from 'vitest';
import { copiesClass, copiesLegend } from './copies';

describe('record colours by copies', () => {
  it('tells every replica, more than one, and a single copy apart, relative to the replication factor', () => {
    expect([3, 2, 1].map((n) => copiesClass(n, 3))).toEqual(['all', 'some', 'one']);
    expect([2, 1].map((n) => copiesClass(n, 2))).toEqual(['all', 'one']);
    // A topic without replicas has nothing better than its one copy.
    expect(copiesClass(1, 1)).toBe('all');
  });

  it('writes a legend entry for each colour the topic can show, most copies first', () => {
    expect(copiesLegend(3).map((l) => l.label)).toEqual(['3', '2', '1']);
    expect(copiesLegend(2).map((l) => l.label)).toEqual(['2', '1']);
    expect(copiesLegend(5).map((l) => l.label)).toEqual(['5', '2–4', '1']);
    expect(copiesLegend(1).map((l) => l.cls)).toEqual(['all']);
  });
});
