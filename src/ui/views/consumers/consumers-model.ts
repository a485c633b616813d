/**
 * What the consumers view shows at a playhead: the groups and consumers as the engine has them at the start
 * of the stretch, with the stretch's events up to the playhead folded on. At the end of the stretch it is
 * simply the engine's end state. The view reads Kafka's behaviour from events; it never decides it.
 */
import type { BrokerId, EngineEvent, EngineState, GroupStateName, TopicPartitionRef } from '../../../engine';
import { tpKey } from '../../../engine';
import type { Frame } from '../../store/frames';

export interface ConsumerCard {
  readonly id: string;
  readonly group: string;
  readonly alive: boolean;
  /** Stopped on purpose (close) rather than crashed. */
  readonly closed: boolean;
  readonly paused: boolean;
  /** The coordinator still counts it as a member of the group. */
  readonly member: boolean;
  /** Partitions of the view's topic it owns, ascending. */
  readonly owned: readonly number[];
  /** Next offset to process, per owned partition (absent until OffsetFetch answers). */
  readonly positions: Readonly<Record<number, number>>;
}

export interface GroupCard {
  readonly id: string;
  /** null: the coordinator has not loaded the group yet. */
  readonly state: GroupStateName | null;
  readonly generationId: number;
  readonly coordinator: BrokerId | null;
  readonly leader: string | null;
  /** Committed offset per partition of the view's topic. */
  readonly committed: Readonly<Record<number, number>>;
}

export interface Redelivery {
  readonly group: string;
  readonly consumer: string;
  readonly partition: number;
  readonly offset: number;
}

export interface Picture {
  readonly consumers: readonly ConsumerCard[];
  readonly groups: readonly GroupCard[];
  /** Records processed a second time in this stretch, up to the playhead: at-least-once made visible. */
  readonly redelivered: readonly Redelivery[];
  /** The last assignment a leader computed in this stretch, up to the playhead. */
  readonly assignedBy: {
    readonly group: string;
    readonly consumer: string;
    readonly assignor: string;
  } | null;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const partitionsOn = (tps: readonly TopicPartitionRef[], topic: string) =>
  tps.filter((tp) => tp.topic === topic).map((tp) => tp.partition);

const sorted = (xs: Iterable<number>) => [...new Set(xs)].sort((a, b) => a - b);

/** The picture of the engine state itself, restricted to the view's topic and groups. */
export function project(state: EngineState, topic: string, groups: readonly string[]): Picture {
  const consumers: ConsumerCard[] = [];
  for (const c of Object.values(state.groups.consumers)) {
    if (!groups.includes(c.group)) continue;
    const g = state.groups.groups[c.group];
    const positions: Record<number, number> = {};
    for (const p of partitionsOn(c.owned, topic)) {
      const pos = c.positions[tpKey(topic, p)];
      if (pos !== undefined) positions[p] = pos;
    }
    consumers.push({
      id: c.id,
      group: c.group,
      alive: c.status !== 'dead' && c.status !== 'closed',
      closed: c.status === 'closed',
      paused: c.paused,
      member: c.memberId !== '' && (g?.memberIds.includes(c.memberId) ?? false),
      owned: sorted(partitionsOn(c.owned, topic)),
      positions,
    });
  }
  const cards: GroupCard[] = groups.map((id) => {
    const g = state.groups.groups[id];
    const committed: Record<number, number> = {};
    for (const [key, o] of Object.entries(g?.offsets ?? {})) {
      const i = key.lastIndexOf('/');
      if (key.slice(0, i) === topic) committed[Number(key.slice(i + 1))] = o.offset;
    }
    const someone = Object.values(state.groups.consumers).find(
      (c) => c.group === id && c.coordinator !== null,
    );
    return {
      id,
      state: g?.state ?? null,
      generationId: g?.generationId ?? 0,
      coordinator: g?.coordinator ?? someone?.coordinator ?? null,
      leader: g?.leaderId ? (g.members[g.leaderId]?.consumer ?? null) : null,
      committed,
    };
  });
  return { consumers: byGroupThenId(consumers, groups), groups: cards, redelivered: [], assignedBy: null };
}

function byGroupThenId(cs: ConsumerCard[], groups: readonly string[]): ConsumerCard[] {
  return cs.sort((a, b) => groups.indexOf(a.group) - groups.indexOf(b.group) || (a.id < b.id ? -1 : 1));
}

/** The picture at playheadMs: the start state with the stretch's events up to the playhead applied. */
export function pictureAt(
  frame: Frame,
  playheadMs: number,
  topic: string,
  groups: readonly string[],
): Picture {
  if (!frame.fromState || playheadMs >= frame.toMs) return withStretch(frame, playheadMs, topic, groups);
  const start = project(frame.fromState, topic, groups);
  const consumers = new Map(start.consumers.map((c) => [c.id, { ...c } as Mutable<ConsumerCard>]));
  const cards = new Map(start.groups.map((g) => [g.id, { ...g } as Mutable<GroupCard>]));
  for (const e of frame.events) {
    if (e.atMs > playheadMs) break;
    if ('group' in e && typeof e.group === 'string' && !groups.includes(e.group)) continue;
    apply(e, consumers, cards, topic);
  }
  const { redelivered, assignedBy } = stretchEvents(frame.events, playheadMs, topic, groups);
  return {
    consumers: byGroupThenId([...consumers.values()], groups),
    groups: [...cards.values()],
    redelivered,
    assignedBy,
  };
}

function withStretch(frame: Frame, playheadMs: number, topic: string, groups: readonly string[]): Picture {
  return {
    ...project(frame.state, topic, groups),
    ...stretchEvents(frame.events, playheadMs, topic, groups),
  };
}

function stretchEvents(
  events: readonly EngineEvent[],
  playheadMs: number,
  topic: string,
  groups: readonly string[],
): Pick<Picture, 'redelivered' | 'assignedBy'> {
  const redelivered: Redelivery[] = [];
  let assignedBy: Picture['assignedBy'] = null;
  for (const e of events) {
    if (e.atMs > playheadMs) break;
    if (e.type === 'recordProcessed' && e.redelivered && e.topic === topic && groups.includes(e.group))
      redelivered.push({ group: e.group, consumer: e.consumer, partition: e.partition, offset: e.offset });
    if (e.type === 'assignmentComputed' && groups.includes(e.group))
      assignedBy = { group: e.group, consumer: e.consumer, assignor: e.assignor };
  }
  return { redelivered, assignedBy };
}

function apply(
  e: EngineEvent,
  consumers: Map<string, Mutable<ConsumerCard>>,
  cards: Map<string, Mutable<GroupCard>>,
  topic: string,
): void {
  const c = 'consumer' in e && typeof e.consumer === 'string' ? consumers.get(e.consumer) : undefined;
  const g = 'group' in e && typeof e.group === 'string' ? cards.get(e.group) : undefined;
  switch (e.type) {
    case 'consumerAdded':
      consumers.set(e.consumer, {
        id: e.consumer,
        group: e.group,
        alive: true,
        closed: false,
        paused: false,
        member: false,
        owned: [],
        positions: {},
      });
      return;
    case 'consumerKilled':
    case 'consumerClosed':
      if (c) Object.assign(c, { alive: false, closed: e.type === 'consumerClosed' });
      return;
    case 'consumerRestarted':
      if (c) Object.assign(c, { alive: true, closed: false, paused: false });
      return;
    case 'consumerPaused':
    case 'consumerResumed':
      if (c) c.paused = e.type === 'consumerPaused';
      return;
    case 'memberJoined':
    case 'memberRemoved':
      if (c) c.member = e.type === 'memberJoined';
      return;
    case 'partitionsAssigned':
      if (c) c.owned = sorted([...c.owned, ...partitionsOn(e.partitions, topic)]);
      return;
    case 'partitionsRevoked':
    case 'partitionsLost': {
      if (!c) return;
      const gone = new Set(partitionsOn(e.partitions, topic));
      c.owned = c.owned.filter((p) => !gone.has(p));
      c.positions = Object.fromEntries(Object.entries(c.positions).filter(([p]) => !gone.has(Number(p))));
      return;
    }
    case 'offsetsFetched':
      if (c)
        for (const o of e.offsets)
          if (o.topic === topic && o.committedOffset !== null)
            c.positions = { ...c.positions, [o.partition]: o.committedOffset };
      return;
    case 'offsetReset':
      if (c && e.topic === topic) c.positions = { ...c.positions, [e.partition]: e.offset };
      return;
    case 'recordProcessed':
      if (c && e.topic === topic) c.positions = { ...c.positions, [e.partition]: e.offset + 1 };
      return;
    case 'offsetCommitted':
      if (g && e.topic === topic) g.committed = { ...g.committed, [e.partition]: e.offset };
      return;
    case 'groupStateChanged':
      if (g) Object.assign(g, { state: e.to, generationId: e.generationId });
      return;
    case 'groupLeaderChosen':
      if (g) g.leader = e.consumer;
      return;
    case 'coordinatorFound':
    case 'groupLoaded':
      if (g) g.coordinator = e.coordinator;
      return;
    default:
      return;
  }
}
