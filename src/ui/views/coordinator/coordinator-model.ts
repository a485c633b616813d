/**
 * What the coordinator scene draws at a playhead, picked from the frame's events: the group-protocol
 * messages in flight (by their Kafka names), each member's exchanges of the step (kept in the final picture,
 * so a step reads with reduced motion), and a one-line callout naming what this step changed. It names and
 * places what the engine sent; it decides nothing about Kafka. Fetches and commits are left out: they are
 * not this scene's point.
 */
import type { EngineEvent, EngineState, JoinPhase, Message } from '../../../engine';
import { joinPhase } from '../../../engine';
import type { Frame } from '../../store/frames';
import { LOG_LINES } from './coordinator-layout';

/**
 * A step spans seconds of model time and a request takes a few ms: a flight is drawn over at least this share
 * of the step, so the room can read its label (the consumers view uses 7%; here the messages are the point).
 */
export const MIN_FLIGHT_SHARE = 0.25;

export type Path = 'up' | 'down' | 'find';

export interface Flight {
  readonly id: string;
  readonly kind: string;
  readonly text: string;
  /** A second, smaller line: what the message carries (the plan, the member list, the partitions). */
  readonly detail: string | null;
  readonly consumer: string;
  readonly path: Path;
  /** The broker a FindCoordinator goes to or comes from. */
  readonly broker: number | null;
  /** How far along its path, 0 (just sent) to 1 (arriving). */
  readonly progress: number;
}

export interface Exchange {
  readonly sent: boolean;
  readonly text: string;
  readonly kind: string;
  /** The broker at the other end. */
  readonly broker: number | null;
}

export interface Callout {
  readonly lines: readonly string[];
  /** What it points at. */
  readonly anchor: 'coordinator' | 'desk' | 'members';
}

export interface CoordinatorPictureAt {
  /** The model time the picture shows: the playhead, or the state's own time once the step has played. */
  readonly atMs: number;
  /**
   * The group state to draw (its join phase, leader, plan): the step's start until the last answer that
   * changes the group has reached its member, then the step's end.
   */
  readonly shown: EngineState;
  /** Whether the leader's plan has reached the coordinator by atMs. */
  readonly planArrived: boolean;
  /** The members whose SyncGroup answer (their partitions) is still to arrive this step. */
  readonly waiting: ReadonlySet<string>;
  /** The join phase running at atMs, if any. */
  readonly phase: JoinPhase | null;
  /** The members whose JoinGroup the coordinator holds at atMs. */
  readonly held: readonly string[];
  readonly flights: readonly Flight[];
  readonly exchanges: ReadonlyMap<string, readonly Exchange[]>;
  readonly callout: Callout | null;
}

const consumerOf = (node: string) => (node.startsWith('consumer:') ? node.slice('consumer:'.length) : null);
const brokerOf = (node: string) => (node.startsWith('broker:') ? Number(node.slice('broker:'.length)) : null);
const short = (consumer: string) => consumer.replace(/^consumer-/, '');

type Payload = {
  group?: string;
  error?: string;
  coordinator?: number | null;
  leaderId?: string | null;
  memberId?: string;
  members?: readonly { memberId: string }[];
  assignments?: Record<string, readonly { partition: number }[]>;
  assignment?: readonly { partition: number }[];
};

/** Member ids to consumer names, from the group at the end of the step (member ids are engine-made). */
function namesOf(state: EngineState, group: string): (memberId: string) => string {
  const g = state.groups.groups[group];
  return (id) => short(g?.members[id]?.consumer ?? id);
}

/** A message as a member's log line and as a flying pill; null for what this scene does not draw. */
function labelOf(
  m: Message,
  nameOf: (memberId: string) => string,
): { log: string; pill: string; detail?: string } | null {
  const p = m.payload as Payload;
  switch (m.kind) {
    case 'findCoordinator':
      return { log: `FindCoordinator to broker ${brokerOf(m.to)}`, pill: 'FindCoordinator' };
    case 'findCoordinatorResponse':
      return p.error === 'NONE'
        ? {
            log: `“coordinator: broker ${p.coordinator}”`,
            pill: 'FindCoordinator response',
            detail: `coordinator: broker ${p.coordinator}`,
          }
        : { log: p.error ?? '', pill: p.error ?? '' };
    case 'joinGroup':
      return { log: 'JoinGroup', pill: 'JoinGroup' };
    case 'joinGroupResponse': {
      // The MEMBER_ID_REQUIRED round trip (KIP-394) hands out an id; it is not this scene's point.
      if (p.error !== 'NONE') return null;
      const leader = nameOf(p.leaderId ?? '');
      if (p.members && p.members.length > 0) {
        const names = p.members.map((x) => nameOf(x.memberId)).join(', ');
        return {
          log: `“you lead: ${names}”`,
          pill: 'JoinGroup response',
          detail: `you lead; members: ${names}`,
        };
      }
      return { log: `“leader: ${leader}”`, pill: 'JoinGroup response', detail: `leader: ${leader}` };
    }
    case 'syncGroup': {
      if (!p.assignments) return { log: 'SyncGroup', pill: 'SyncGroup' };
      const plan = Object.entries(p.assignments)
        .flatMap(([id, tps]) => tps.map((tp) => [tp.partition, nameOf(id)] as const))
        .sort((a, b) => a[0] - b[0])
        .map(([partition, who]) => `P${partition}→${who}`)
        .join(' ');
      return { log: 'SyncGroup + the plan', pill: 'SyncGroup + plan', detail: plan };
    }
    case 'syncGroupResponse': {
      if (p.error !== 'NONE') return { log: p.error ?? '', pill: p.error ?? '' };
      const mine = (p.assignment ?? []).map((tp) => `P${tp.partition}`).join(', ');
      return {
        log: `“yours: ${mine || 'none'}”`,
        pill: 'SyncGroup response',
        detail: `yours: ${mine || 'none'}`,
      };
    }
    case 'heartbeat':
      return { log: 'Heartbeat', pill: 'Heartbeat' };
    case 'heartbeatResponse':
      return p.error === 'NONE' ? null : { log: p.error ?? '', pill: p.error ?? '' };
    case 'leaveGroup':
      return { log: 'LeaveGroup', pill: 'LeaveGroup' };
    default:
      return null;
  }
}

/** Consecutive heartbeats read as one line with a count; other repeats (a retried JoinGroup) as one. */
function addExchange(log: Exchange[], next: Exchange): void {
  const last = log.at(-1);
  const base = (t: string) => t.replace(/ ×\d+$/, '');
  if (last && last.kind === next.kind && base(last.text) === next.text) {
    if (next.kind !== 'heartbeat') return;
    const n = Number(/×(\d+)$/.exec(last.text)?.[1] ?? 1) + 1;
    log[log.length - 1] = { ...last, text: `${next.text} ×${n}` };
    return;
  }
  log.push(next);
}

const sentOf = (events: readonly EngineEvent[]) =>
  events.flatMap((e) => (e.type === 'messageSent' ? [e.message] : []));

/** The callout of the step: the one thing it changed, from its events and its end state. */
function calloutOf(frame: Frame, group: string): Callout | null {
  const sent = sentOf(frame.events).filter((m) => (m.payload as Payload).group === group);
  const plan = sent.find((m) => m.kind === 'syncGroup' && (m.payload as Payload).assignments);
  if (plan)
    return {
      lines: [
        `${consumerOf(plan.from) ?? ''} leads: it got the`,
        'member list, planned, and sent',
        'the plan in its SyncGroup',
      ],
      anchor: 'desk',
    };
  const beats = sent.filter((m) => m.kind === 'heartbeat').length;
  if (beats > 0)
    return {
      lines: [`${beats} Heartbeats arrived:`, 'each refilled its sender’s', 'session ring'],
      anchor: 'members',
    };
  const found = sent.find(
    (m) => m.kind === 'findCoordinatorResponse' && (m.payload as Payload).error === 'NONE',
  );
  if (found)
    return {
      lines: [
        `FindCoordinator: broker ${brokerOf(found.from)} said`,
        `“broker ${(found.payload as Payload).coordinator}”: computed, not elected`,
      ],
      anchor: 'coordinator',
    };
  const phase = joinPhase(frame.state, group);
  if (phase) {
    const heldS = ((frame.state.now - phase.startedMs) / 1000).toFixed(1);
    return {
      lines: [
        `JoinGroups held ${heldS} s:`,
        'waiting for more members',
        phase.extended ? '(the wait was extended)' : '',
      ].filter((l) => l !== ''),
      anchor: 'desk',
    };
  }
  return null;
}

/** For each drawn message, when the same member's next drawn message is sent. */
function nextDrawnMessage(frame: Frame, group: string, nameOf: (id: string) => string): Map<string, number> {
  const next = new Map<string, number>();
  const last = new Map<string, string>();
  for (const m of sentOf(frame.events)) {
    const consumer = consumerOf(m.from) ?? consumerOf(m.to);
    if (consumer === null || (m.payload as Payload).group !== group || !labelOf(m, nameOf)) continue;
    const before = last.get(consumer);
    if (before !== undefined && m.sentAtMs > 0) next.set(before, m.sentAtMs);
    last.set(consumer, m.id);
  }
  return next;
}

/**
 * The group as the picture shows it: the step's start until the coordinator completes the join (its first
 * JoinGroup answer), then the step's end; the plan and each member's partitions only once they arrive.
 */
function milestones(frame: Frame, group: string, atMs: number) {
  const waiting = new Set<string>();
  if (!frame.fromState || atMs >= frame.state.now) return { shown: frame.state, planArrived: true, waiting };
  let joinDoneAtMs = -Infinity;
  let planAtMs = -Infinity;
  for (const m of sentOf(frame.events)) {
    const p = m.payload as Payload;
    if (p.group !== group) continue;
    if (m.kind === 'joinGroupResponse' && p.error === 'NONE' && joinDoneAtMs === -Infinity)
      joinDoneAtMs = m.sentAtMs;
    if (m.kind === 'syncGroup' && p.assignments) planAtMs = m.arrivesAtMs;
    if (m.kind === 'syncGroupResponse' && p.error === 'NONE' && m.arrivesAtMs > atMs)
      waiting.add(consumerOf(m.to) ?? '');
  }
  return {
    shown: atMs >= joinDoneAtMs ? frame.state : frame.fromState,
    planArrived: atMs >= planAtMs,
    waiting,
  };
}

export function pictureAt(frame: Frame, playheadMs: number, group: string): CoordinatorPictureAt {
  const atMs = playheadMs >= frame.toMs ? frame.state.now : playheadMs;
  const nameOf = namesOf(frame.state, group);
  const minMs = MIN_FLIGHT_SHARE * Math.max(0, frame.toMs - frame.fromMs);
  const flights: Flight[] = [];
  const exchanges = new Map<string, Exchange[]>();
  const nextOf = nextDrawnMessage(frame, group, nameOf);
  for (const m of sentOf(frame.events)) {
    if ((m.payload as Payload).group !== group || m.sentAtMs > atMs) continue;
    const outbound = consumerOf(m.from);
    const consumer = outbound ?? consumerOf(m.to);
    const said = consumer === null ? null : labelOf(m, nameOf);
    if (consumer === null || said === null) continue;
    const log = exchanges.get(consumer) ?? [];
    addExchange(log, {
      sent: outbound !== null,
      text: said.log,
      kind: m.kind,
      broker: brokerOf(outbound ? m.to : m.from),
    });
    exchanges.set(consumer, log);
    // Stretched so an eye can catch it, but never past the end of the step (Flights.tsx does the same), nor
    // past the member's next drawn message, so that one member's pills follow each other instead of piling up.
    const next = nextOf.get(m.id) ?? Infinity;
    const stretched = Math.min(minMs, frame.toMs - m.sentAtMs, next - m.sentAtMs);
    const shown = Math.max(m.arrivesAtMs - m.sentAtMs, stretched, 1);
    const progress = (playheadMs - m.sentAtMs) / shown;
    if (progress < 0 || progress >= 1) continue;
    const find = m.kind === 'findCoordinator' || m.kind === 'findCoordinatorResponse';
    flights.push({
      id: m.id,
      kind: m.kind,
      text: said.pill,
      detail: said.detail ?? null,
      consumer,
      path: find ? 'find' : outbound ? 'up' : 'down',
      broker: find ? brokerOf(outbound ? m.to : m.from) : null,
      progress: outbound || !find ? progress : 1 - progress,
    });
  }
  for (const [c, log] of exchanges) exchanges.set(c, log.slice(-LOG_LINES));
  const { shown, planArrived, waiting } = milestones(frame, group, atMs);
  const answered = (c: string) => (exchanges.get(c) ?? []).some((e) => e.kind === 'joinGroupResponse');
  // A JoinGroup is held once it has reached the coordinator, and the join phase shows once it has begun.
  const lastJoin = new Map<string, number>();
  for (const m of sentOf(frame.events))
    if (m.kind === 'joinGroup' && (m.payload as Payload).group === group)
      lastJoin.set(consumerOf(m.from) ?? '', m.arrivesAtMs);
  const joinArrived = (c: string) => (lastJoin.get(c) ?? -Infinity) <= atMs;
  const started = joinPhase(shown, group);
  const phase = started && atMs >= started.startedMs ? started : null;
  return {
    atMs,
    shown,
    planArrived,
    waiting,
    phase,
    held: (phase?.held ?? []).filter((c) => !answered(c) && joinArrived(c)),
    flights,
    exchanges,
    callout: calloutOf(frame, group),
  };
}
