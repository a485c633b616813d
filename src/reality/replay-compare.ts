/**
 * A scene replayed on a real cluster, judged step by step: the engine's state at the end of step k against
 * what the replay runner (bridge/replay/) measured on the cluster after playing the same step. Pure: the
 * caller seeks the engine (engineStateAtStep) and hands over the RealReplayStep the bridge answered.
 *
 * The facts compared are the ones the scene teaches and Kafka exposes: where each record of the step landed
 * (partition, offset), each partition's high watermark, its leader and ISR where the scene has brokers, each
 * group's state, members and their partitions, and the committed offsets. A fact that differs is a
 * disagreement, naming the fact, the simulated value and the real one.
 *
 * Deliberate differences are not disagreements (the reasoning of conformance/differences.ts):
 * - names: every topic and group carries the run's suffix on the cluster (fresh names per run);
 * - member ids: Kafka's are <client id>-<uuid>; the runner sets client.id to the scene's consumer name, so a
 *   member is matched by its client id;
 * - broker ids of leaders and ISR when the scene lets placement choose (KRaft's placer starts at a random
 *   broker): then only the ISR's size and whether a leader exists are compared;
 * - timing: the cluster lives in wall-clock time and takes longer than a step's logical time, so the Java
 *   consumer's auto-commit (every auto.commit.interval.ms of real time) may already have committed what the
 *   engine commits a few logical seconds later. A real committed offset ahead of the engine's, but not past
 *   the partition's high watermark, on a group whose consumers auto-commit, is listed as a timing difference.
 */
import {
  type Command,
  type EngineState,
  keptRecords,
  type StepEnv,
  Timeline,
  type TopicPartitionRef,
} from '../engine';
import { sceneRun } from '../scenarios/run';
import type { Scene } from '../scenarios/types';
import type { RealGroup, RealReplayStep, RealTopic } from './protocol';

export interface ReplayDifference {
  /** What is compared, in the stage's words: "P2 high watermark (orders)". */
  readonly fact: string;
  readonly simulated: string;
  readonly real: string;
  /** Why this difference is expected (a deliberate difference); absent for a disagreement. */
  readonly why?: string;
  /** What the picture highlights for it: a record of the step (its index), a partition, a group's member. */
  readonly where: ReplayAnchor;
}

export type ReplayAnchor =
  | { kind: 'record'; index: number }
  | { kind: 'partition'; topic: string; partition: number | null }
  | { kind: 'group'; group: string; member: string | null };

export interface ReplayComparison {
  readonly step: number;
  /** How many facts were compared (a comparison of nothing says so rather than "all agree"). */
  readonly compared: number;
  readonly disagreements: readonly ReplayDifference[];
  /** Differences the stage makes on purpose or that real time explains, each with its reason. */
  readonly deliberate: readonly ReplayDifference[];
}

/** The engine's state at the end of step k of a scene (no live actions: a replay plays the scene as written). */
export function engineStateAtStep(scene: Scene, k: number, env?: StepEnv): EngineState {
  const run = sceneRun(scene);
  const timeline = new Timeline(run.seed, run.commands, env);
  return timeline.stateAt(run.stepEnds[Math.max(0, Math.min(k, run.stepEnds.length - 1))] ?? 0);
}

type Produce = Extract<Command, { type: 'produce' }>;

/** Where the engine put each record step k produced, in the scene's order (null: not landed yet). */
export function engineProduced(
  scene: Scene,
  state: EngineState,
  k: number,
): {
  topic: string;
  key: string | null;
  producer: string;
  placed: { partition: number; offset: number } | null;
}[] {
  const run = sceneRun(scene);
  const start = run.stepStarts[k] ?? 0;
  const end = run.stepEnds[k] ?? 0;
  const seen = new Map<string, number>();
  const out: ReturnType<typeof engineProduced> = [];
  for (let i = 0; i < end; i++) {
    const c = run.commands[i]!;
    if (c.type !== 'produce') continue;
    const id = produceIdentity(c);
    const nth = seen.get(id) ?? 0;
    seen.set(id, nth + 1);
    if (i < start) continue;
    out.push({ topic: c.topic, key: c.key ?? null, producer: c.producer, placed: nthRecord(state, c, nth) });
  }
  return out;
}

const produceIdentity = (c: Produce) => JSON.stringify([c.topic, c.producer, c.key ?? null, c.value]);

function nthRecord(state: EngineState, c: Produce, nth: number) {
  const found: { partition: number; offset: number }[] = [];
  for (const p of state.topics[c.topic]?.partitions ?? []) {
    if (p.leader === null) continue;
    for (const r of keptRecords(p.logs[p.leader]!))
      if (r.producerId === c.producer && r.key === (c.key ?? null) && r.value === c.value)
        found.push({ partition: p.partition, offset: r.offset });
  }
  // Records of one producer with one key and value are appended in the order they were sent.
  found.sort((a, b) => a.offset - b.offset || a.partition - b.partition);
  return found[nth] ?? null;
}

const show = (v: unknown): string =>
  v === null || v === undefined ? '—' : Array.isArray(v) ? `[${v.join(', ')}]` : String(v);

/** Topics that received keyless records from a sticky producer up to the end of step k. */
function stickyTopics(scene: Scene, k: number): Set<string> {
  const run = sceneRun(scene);
  const keyless = new Map<string, string | undefined>();
  const out = new Set<string>();
  for (const c of run.commands.slice(0, run.stepEnds[k] ?? 0)) {
    // The Java producer's default for keyless records is the sticky partitioner (engine and Kafka alike).
    if (c.type === 'addProducer') keyless.set(c.producer, c.keyless ?? 'sticky');
    else if (c.type === 'configureProducer' && c.keyless !== undefined) keyless.set(c.producer, c.keyless);
    else if (
      c.type === 'produce' &&
      (c.key ?? null) === null &&
      c.partition === undefined &&
      keyless.get(c.producer) === 'sticky'
    )
      out.add(c.topic);
  }
  return out;
}

/** Whether the scene gives a topic's replicas itself (then broker ids compare), rather than placement. */
function placedByScene(scene: Scene, topic: string): boolean {
  const all = [...scene.setup, ...scene.steps.flatMap((s) => s.commands)];
  return all.some((c) => c.type === 'createTopic' && c.topic === topic && c.replicaAssignment !== undefined);
}

/** Compares the engine's state at the end of step k with the real picture the runner measured. */
export function compareReplayStep(
  scene: Scene,
  state: EngineState,
  real: RealReplayStep,
  suffix: string,
): ReplayComparison {
  const disagreements: ReplayDifference[] = [];
  const deliberate: ReplayDifference[] = [];
  let compared = 0;
  const check = (
    where: ReplayAnchor,
    fact: string,
    simulated: unknown,
    realValue: unknown,
    why?: () => string | undefined,
  ) => {
    compared++;
    const s = show(simulated);
    const r = show(realValue);
    if (s === r) return;
    const reason = why?.();
    (reason ? deliberate : disagreements).push({
      fact,
      simulated: s,
      real: r,
      where,
      ...(reason ? { why: reason } : {}),
    });
  };

  // Records the step produced, one by one in the scene's order.
  const simulated = engineProduced(scene, state, real.step);
  const sticky = stickyTopics(scene, real.step);
  const stickyWhy = (topic: string) => () =>
    sticky.has(topic)
      ? "the Java producer's sticky partitioner changes partition when a batch is ready, so its runs depend on timing (conformance: sticky-run-length); the replay sends these keyless records round robin"
      : undefined;
  simulated.forEach((e, i) => {
    const r = real.produced[i];
    const rec: ReplayAnchor = { kind: 'record', index: i };
    const label = `${e.key === null ? 'keyless record' : `key ${e.key}`} from ${e.producer} (${e.topic}, #${i + 1} of the step)`;
    if (!r) {
      check(
        rec,
        `${label}: landed`,
        e.placed ? `P${e.placed.partition} @${e.placed.offset}` : null,
        'not produced',
      );
      return;
    }
    check(
      rec,
      `${label}: partition`,
      e.placed ? `P${e.placed.partition}` : null,
      r.partition < 0 ? 'not written' : `P${r.partition}`,
      stickyWhy(e.topic),
    );
    if (r.partition >= 0)
      check(rec, `${label}: offset`, e.placed?.offset ?? null, r.offset, stickyWhy(e.topic));
  });
  if (real.produced.length > simulated.length)
    check(
      { kind: 'record', index: simulated.length },
      'records produced at this step',
      simulated.length,
      real.produced.length,
    );

  const realTopics = new Map(real.snapshot.topics.map((t) => [t.name, t]));
  const manyBrokers = Object.keys(state.brokers).length > 1;
  for (const topic of Object.values(state.topics)) {
    if (topic.name.startsWith('__')) continue;
    const rt: RealTopic | undefined = realTopics.get(topic.name + suffix);
    check(
      { kind: 'partition', topic: topic.name, partition: null },
      `${topic.name}: partitions`,
      topic.partitions.length,
      rt ? rt.partitions.length : 'no such topic',
    );
    if (!rt) continue;
    const byScene = placedByScene(scene, topic.name);
    for (const p of topic.partitions) {
      const rp = rt.partitions.find((x) => x.partition === p.partition);
      const where = `${topic.name} P${p.partition}`;
      const at: ReplayAnchor = { kind: 'partition', topic: topic.name, partition: p.partition };
      check(
        at,
        `${where}: high watermark`,
        p.highWatermark,
        rp?.highWatermark ?? null,
        stickyWhy(topic.name),
      );
      if (!manyBrokers || !rp) continue;
      if (byScene) {
        check(at, `${where}: leader`, p.leader, rp.leader);
        check(at, `${where}: ISR`, [...p.isr].sort(), [...rp.isr].sort());
      } else {
        check(at, `${where}: has a leader`, p.leader !== null, rp.leader !== null);
        check(at, `${where}: ISR size`, p.isr.length, rp.isr.length);
      }
    }
  }

  const realGroups = new Map(real.snapshot.groups.map((g) => [g.groupId, g]));
  for (const group of Object.values(state.groups.groups)) {
    const rg: RealGroup | undefined = realGroups.get(group.groupId + suffix);
    const g = group.groupId;
    check(
      { kind: 'group', group: g, member: null },
      `group ${g}: state`,
      group.state,
      rg?.state ?? 'no such group',
    );
    if (!rg) continue;
    const nameOf = new Map(Object.values(state.groups.consumers).map((c) => [c.memberId, c.id]));
    const simulatedOwners = new Map<string, string>();
    for (const m of group.memberIds)
      simulatedOwners.set(nameOf.get(m) ?? m, partitionsOf(group.assignment[m] ?? [], ''));
    const realOwners = new Map<string, string>();
    for (const m of rg.members) realOwners.set(m.clientId, partitionsOf(m.assignment, suffix));
    check(
      { kind: 'group', group: g, member: null },
      `group ${g}: members`,
      [...simulatedOwners.keys()].sort(),
      [...realOwners.keys()].sort(),
    );
    for (const [name, parts] of simulatedOwners)
      if (realOwners.has(name))
        check(
          { kind: 'group', group: g, member: name },
          `group ${g}: ${name} owns`,
          parts,
          realOwners.get(name),
        );
    const autoCommit = Object.values(state.groups.consumers).some(
      (c) => c.group === g && c.config.autoCommit,
    );
    const topics = new Set(rg.offsets.map((o) => o.topic));
    for (const t of Object.values(state.topics)) if (!t.name.startsWith('__')) topics.add(t.name + suffix);
    for (const realTopic of topics) {
      const topic = realTopic.endsWith(suffix)
        ? realTopic.slice(0, realTopic.length - suffix.length)
        : realTopic;
      if (!state.topics[topic]) continue;
      for (const p of state.topics[topic]!.partitions) {
        const simulatedOffset = group.offsets[`${topic}/${p.partition}`]?.offset ?? null;
        const ro = rg.offsets.find((o) => o.topic === realTopic && o.partition === p.partition);
        const realOffset = ro?.committedOffset ?? null;
        if (simulatedOffset === null && realOffset === null && !ro) continue;
        check(
          { kind: 'partition', topic, partition: p.partition },
          `group ${g}: committed offset on ${topic} P${p.partition}`,
          simulatedOffset,
          realOffset,
          () =>
            autoCommit &&
            realOffset !== null &&
            realOffset > (simulatedOffset ?? -1) &&
            realOffset <= p.highWatermark
              ? 'the cluster runs in wall-clock time, longer than the step’s logical time: its auto-commit (every auto.commit.interval.ms) came sooner in the scene’s terms'
              : undefined,
        );
      }
    }
  }
  return { step: real.step, compared, disagreements, deliberate };
}

/** "orders P0, P1" from an assignment, with the run's suffix taken off the real side's topic names. */
function partitionsOf(tps: readonly TopicPartitionRef[], strip: string): string {
  const parts = [...tps]
    .map((tp) => ({
      topic: strip && tp.topic.endsWith(strip) ? tp.topic.slice(0, tp.topic.length - strip.length) : tp.topic,
      partition: tp.partition,
    }))
    .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
  return parts.length === 0 ? 'nothing' : parts.map((tp) => `${tp.topic} P${tp.partition}`).join(', ');
}
