import { describe, expect, it } from 'vitest';
import { changeOf, formatValue, groupRows, seriesOf } from './metrics-rows';

describe('the metrics panel rows', () => {
  it('says a rise of a metric that is bad going up in red, and a fall in green', () => {
    expect(changeOf(1, 0, 'up')).toEqual({ trend: 'up', text: '+1', bad: true });
    expect(changeOf(0, 1, 'up')).toEqual({ trend: 'down', text: '−1', bad: false });
    expect(changeOf(30, 10, 'none')).toEqual({ trend: 'up', text: '+20', bad: false });
    expect(changeOf(0, 1, 'change')).toEqual({ trend: 'down', text: '−1', bad: true });
    expect(changeOf(2, 2, 'up').trend).toBe('same');
    expect(changeOf(2, undefined, 'up').trend).toBe('same');
    expect(changeOf('PreparingRebalance', 'Stable', 'change')).toEqual({
      trend: 'changed',
      text: 'was Stable',
      bad: true,
    });
  });

  it('writes values short: a dash for a broker that is down, units, thousands as k', () => {
    expect(formatValue(null)).toBe('—');
    expect(formatValue(10, '/s')).toBe('10/s');
    expect(formatValue(2.5, '/s')).toBe('2.5/s');
    expect(formatValue(1530, 'B/s')).toBe('1.5kB/s');
    expect(formatValue(35_200, 'B/s')).toBe('35kB/s');
    expect(formatValue('Stable')).toBe('Stable');
  });

  it('joins a row’s samples into a series and groups per-broker gauges into one row', () => {
    const samples = [
      { atMs: 0, values: { a: 1, s: 'Stable' } },
      { atMs: 5, values: { a: 2, s: 'Empty' } },
    ];
    expect(seriesOf(samples, 'a')).toEqual([
      { atMs: 0, value: 1 },
      { atMs: 5, value: 2 },
    ]);
    expect(seriesOf(samples, 's').map((p) => p.value)).toEqual([null, null]);
    const base = { badWhen: 'none', tooltip: 't', value: 0 } as const;
    const rows = groupRows([
      { ...base, id: 'X', name: 'X', section: 'cluster' },
      { ...base, id: 'LeaderCount/0', name: 'LeaderCount', section: 'broker', subject: 'A' },
      { ...base, id: 'LeaderCount/1', name: 'LeaderCount', section: 'broker', subject: 'B' },
      { ...base, id: 'PartitionCount/0', name: 'PartitionCount', section: 'broker', subject: 'A' },
    ]);
    expect(rows.map((g) => g.map((r) => r.id))).toEqual([
      ['X'],
      ['LeaderCount/0', 'LeaderCount/1'],
      ['PartitionCount/0'],
    ]);
  });
});
