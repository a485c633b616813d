// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { EngineState } from '../../../engine';
import { coordinatorPartition, groupMembers, javaStringHashCode, joinPhase } from '../../../engine';
import { byTestId, type Place, render, scenePlace } from '../../testing/test-render';
import { CoordinatorView } from './CoordinatorView';

type View = Extract<Place['scene']['view'], { kind: 'coordinator' }>;
const SCENE = 'group-coordinator';
const MEMBERS = ['consumer-a', 'consumer-b', 'consumer-c'];

function show(place: Place, playheadMs = place.frame.toMs) {
  return render(
    <CoordinatorView view={place.scene.view as View} frame={place.frame} playheadMs={playheadMs} />,
  );
}

const kindsIn = (dom: ParentNode, consumer: string) =>
  [...byTestId(dom, `member-${consumer}`).querySelectorAll('[data-testid="exchange"]')].map((e) =>
    e.getAttribute('data-kind'),
  );

/** Which step of the scene first reaches a state, so the test follows the scene if its steps move. */
function firstStep(holds: (s: EngineState) => boolean): Place {
  for (let k = 0; ; k++) {
    const place = scenePlace(SCENE, k);
    if (holds(place.frame.state)) return place;
    if (k > 10) throw new Error('no such step');
  }
}

describe('CoordinatorView', () => {
  it('writes the FindCoordinator formula with the engine’s numbers and lights that offsets partition on its leader', () => {
    const place = scenePlace(SCENE, 0);
    const dom = show(place);
    const n = coordinatorPartition('payments');
    const leader = place.frame.state.topics.__consumer_offsets!.partitions[n]!.leader!;
    const formula = byTestId(dom, 'coordinator-formula');
    expect(formula.getAttribute('data-partition')).toBe(String(n));
    expect(formula.textContent).toContain(`abs(${javaStringHashCode('payments')}) % 50 = ${n}`);
    expect(formula.textContent).toContain(`__consumer_offsets-${n}, led by broker ${leader}`);
    const lit = byTestId(byTestId(dom, `broker-${leader}`), `offsets-partition-${n}`);
    expect(lit.textContent).toBe(`__consumer_offsets-${n}`);
    expect(byTestId(dom, `broker-${leader}`).textContent).toContain('group coordinator');
    expect(dom.querySelectorAll('[data-testid^="offsets-partition-"]')).toHaveLength(1);
  });

  it('keeps each member’s FindCoordinator and JoinGroup on screen, and the JoinGroups held with the initial delay’s countdown', () => {
    const place = scenePlace(SCENE, 0);
    const dom = show(place);
    for (const c of MEMBERS) {
      expect(kindsIn(dom, c)).toEqual(['findCoordinator', 'findCoordinatorResponse', 'joinGroup']);
      expect(byTestId(dom, `held-${c}`).textContent).toContain('JoinGroup');
    }
    const phase = joinPhase(place.frame.state, 'payments')!;
    const timer = byTestId(dom, 'join-timer');
    expect(timer.getAttribute('data-left-ms')).toBe(String(phase.deadlineMs - place.frame.state.now));
    expect(timer.getAttribute('data-held')).toBe(MEMBERS.join(','));
    expect(byTestId(dom, 'callout').textContent).toContain('FindCoordinator');
  });

  it('shows the join phase’s ring nearly empty after the wait, where the first step showed it full', () => {
    const left = (k: number) =>
      Number(byTestId(show(scenePlace(SCENE, k)), 'join-timer').getAttribute('data-left-ms'));
    expect(left(0)).toBeGreaterThan(2500);
    expect(left(1)).toBeLessThan(100);
    expect(byTestId(show(scenePlace(SCENE, 1)), 'callout').textContent).toMatch(/JoinGroups held \d+\.\d s/);
  });

  it('gives each member the partitions of the leader’s plan after SyncGroup, and names the leader only then', () => {
    const place = firstStep((s) => s.groups.groups.payments?.state === 'Stable');
    const dom = show(place);
    for (const m of groupMembers(place.frame.state, 'payments')) {
      const card = byTestId(dom, `member-${m.consumer}`);
      const owned = place.frame.state.groups.consumers[m.consumer]!.owned.map((tp) => tp.partition).sort();
      expect(card.getAttribute('data-partitions')).toBe(owned.join(','));
      expect(card.getAttribute('data-leader')).toBe(String(m.isLeader));
      expect(kindsIn(dom, m.consumer)).toEqual(['joinGroupResponse', 'syncGroup', 'syncGroupResponse']);
    }
    const leader = groupMembers(place.frame.state, 'payments').find((m) => m.isLeader)!;
    expect(byTestId(dom, `member-${leader.consumer}`).textContent).toContain('you lead: a, b, c');
    expect(byTestId(dom, 'group-plan').textContent).toContain('P0→a  P1→a  P2→b  P3→c');
    const before = show(scenePlace(SCENE, place.step - 1));
    for (const c of MEMBERS)
      expect(byTestId(before, `member-${c}`).getAttribute('data-leader')).toBe('false');
  });

  it('draws the leader’s SyncGroup in flight carrying its plan, and the plan on the desk only once it arrived', () => {
    const place = firstStep((s) => s.groups.groups.payments?.state === 'Stable');
    const sync = place.frame.events.find(
      (e) =>
        e.type === 'messageSent' &&
        e.message.kind === 'syncGroup' &&
        (e.message.payload as { assignments?: unknown }).assignments !== undefined,
    );
    if (sync?.type !== 'messageSent') throw new Error('no SyncGroup with a plan in the step');
    const dom = show(place, sync.message.sentAtMs);
    const leader = sync.message.from.replace('consumer:', '');
    const pill = dom.querySelector(
      `[data-testid="flight"][data-kind="syncGroup"][data-consumer="${leader}"]`,
    );
    expect(pill?.textContent).toContain('P0→a P1→a P2→b P3→c');
    expect(dom.querySelector('[data-testid="group-plan"]')).toBeNull();
    expect(dom.textContent).not.toContain('reads P');
  });

  it('refills each member’s session ring on a Heartbeat, and at the end shows the coordinator’s deadline', () => {
    const place = firstStep(
      (s) => Object.values(s.groups.groups.payments?.members ?? {}).length === 3 && s.now > 8000,
    );
    const dom = show(place);
    const now = place.frame.state.now;
    for (const m of groupMembers(place.frame.state, 'payments')) {
      expect(byTestId(dom, `session-${m.consumer}`).getAttribute('data-left-ms')).toBe(
        String(m.sessionDeadlineMs - now),
      );
      expect(kindsIn(dom, m.consumer)).toEqual(['heartbeat']);
    }
    const answer = place.frame.events.find(
      (e) =>
        e.type === 'messageSent' &&
        e.message.kind === 'heartbeatResponse' &&
        e.message.to === 'consumer:consumer-a',
    );
    if (answer?.type !== 'messageSent') throw new Error('no heartbeat answered');
    const t = answer.message.sentAtMs;
    const leftAt = (ms: number) =>
      Number(byTestId(show(place, ms), 'session-consumer-a').getAttribute('data-left-ms'));
    expect(leftAt(t)).toBe(10_000);
    expect(leftAt(t - 1)).toBeLessThan(10_000 - 900);
    expect(show(place, t - 2).querySelector('[data-testid="flight"][data-kind="heartbeat"]')).not.toBeNull();
  });

  it('has no lag chart: this scene is about the protocol', () => {
    const dom = show(scenePlace(SCENE, 3));
    expect(dom.querySelector('.lag-chart')).toBeNull();
    expect(dom.textContent).not.toMatch(/\blag\b/);
  });
});
