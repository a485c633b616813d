// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  AT,
  brokerFencedSnapshot,
  healthySnapshot,
  unreachableSnapshot,
} from '../../reality/testing/snapshots';
import { render } from '../testing/test-render';
import { RealStage } from './RealStage';
import { clockTime } from './real-status';

const all = (root: HTMLElement, testId: string) => [...root.querySelectorAll(`[data-testid="${testId}"]`)];

describe('RealStage drawn from recorded snapshots', () => {
  it('labels every view REAL with the cluster id and the bootstrap address', () => {
    for (const view of ['topics', 'consumers', 'brokers'] as const) {
      const root = render(<RealStage snapshot={healthySnapshot()} view={view} />);
      const band = root.querySelector('[data-testid="real-band"]')!.textContent!;
      expect(band).toContain('REAL');
      expect(band).toContain('q1Sh-9_ISia_zwGINzRvyQ');
      expect(band).toContain('127.0.0.1:19900');
    }
  });

  it('draws each record on its partition at its offset, with key and value, and each high watermark', () => {
    const root = render(<RealStage snapshot={healthySnapshot()} view="topics" />);
    const records = all(root, 'record').map((r) => [
      r.getAttribute('data-partition'),
      r.getAttribute('data-offset'),
      r.getAttribute('data-key'),
      r.getAttribute('data-value'),
    ]);
    expect(records).toContainEqual(['1', '2', 'frank', 'v2']);
    expect(records).toHaveLength(6);
    const p1 = root.querySelector('[data-testid="real-partition-orders-1"]')!;
    expect(p1.getAttribute('data-high-watermark')).toBe('3');
    // Kafka exposes no record in flight: none is drawn.
    expect(root.querySelector('.flying-record')).toBeNull();
  });

  it("shows the group's state, its members' assignments and each partition's committed offset and lag", () => {
    const root = render(<RealStage snapshot={healthySnapshot()} view="consumers" />);
    expect(root.querySelector('[data-testid="real-group-billing"]')!.getAttribute('data-state')).toBe(
      'Stable',
    );
    expect(all(root, 'real-member').map((m) => m.getAttribute('data-assignment'))).toEqual([
      'orders-0,orders-1',
      'orders-2',
    ]);
    const committed = all(root, 'real-committed').map((c) => [
      c.getAttribute('data-partition'),
      c.getAttribute('data-committed'),
      c.getAttribute('data-lag'),
    ]);
    expect(committed).toEqual([
      ['0', '2', '0'],
      ['1', '1', '2'],
      ['2', '', ''],
    ]);
    expect(root.textContent).toContain('nothing committed');
  });

  it('shows a killed broker fenced, out of every ISR, and the leadership it held moved with a new epoch', () => {
    const root = render(<RealStage snapshot={brokerFencedSnapshot()} view="brokers" />);
    expect(root.querySelector('[data-testid="real-broker-2"]')!.getAttribute('data-state')).toBe('fenced');
    const replica = (p: number, b: number) =>
      root.querySelector(`[data-testid="real-replica-orders-${p}-${b}"]`)!;
    expect(replica(2, 2).getAttribute('data-in-isr')).toBe('false');
    expect(replica(2, 0).getAttribute('data-leader')).toBe('true');
    expect(replica(2, 0).getAttribute('data-leader-epoch')).toBe('1');
    // What the cluster cannot tell about a dead broker's log is said, not drawn.
    expect(replica(2, 2).getAttribute('aria-label')).toContain(
      'log end offset not available from this cluster',
    );
  });

  it('says since when the cluster is unreachable and dims the last picture instead of freezing it', () => {
    const root = render(<RealStage snapshot={unreachableSnapshot()} view="topics" now={AT + 3000} />);
    const alert = root.querySelector('[data-testid="real-unreachable"]')!;
    expect(alert.textContent).toContain(`cluster unreachable since ${clockTime(AT)}, retrying`);
    expect(root.querySelector('.real-picture')!.classList.contains('dimmed')).toBe(true);
  });

  it('says it is connecting before the first snapshot', () => {
    const root = render(
      <RealStage snapshot={null} view="topics" link={{ state: 'connecting', since: AT }} />,
    );
    expect(root.querySelector('[data-testid="real-waiting"]')!.textContent).toContain('connecting');
  });
});
