/**
 * What the brokers view shows at a playhead: each broker up or down, and for each partition of the topic its
 * leader, ISR, high watermark and every replica's records. Mid-step it is the stretch's starting state with
 * the stretch's events applied up to the playhead (a leader elected at 71 ms is not yet leader at 70 ms); at
 * the end of the stretch it is the engine's final state itself. Nothing here decides Kafka behaviour: every
 * change comes from an engine event.
 */
import type { BrokerId, EngineEvent, EngineState } from '../../../engine';
import { keptRecords } from '../../../engine';
import type { Frame } from '../../store/frames';

export interface ShownRecord {
  readonly id: string;
  readonly offset: number;
  readonly key: string | null;
  readonly value: string;
}

export interface ReplicaPicture {
  readonly broker: BrokerId;
  records: ShownRecord[];
  logEndOffset: number;
  /** Records this replica truncated away during the stretch (logTruncated). */
  lost: ShownRecord[];
}

export interface PartitionPicture {
  readonly partition: number;
  leader: BrokerId | null;
  leaderEpoch: number;
  isr: readonly BrokerId[];
  highWatermark: number;
  /** In replica-list order: the first is the preferred leader. */
  readonly replicas: ReplicaPicture[];
  /** The leader election of this stretch the playhead has passed, if any. */
  elected: Extract<EngineEvent, { type: 'leaderElected' }> | null;
  /** Offset ranges an unclean election gave up during the stretch. */
  offsetsLost: { fromOffset: number; toOffset: number }[];
}

export interface ClusterPicture {
  readonly alive: Record<BrokerId, boolean>;
  readonly partitions: PartitionPicture[];
  /** Records acknowledged to each producer so far. */
  readonly acked: Record<string, number>;
  /** The last refusal each producer heard in this stretch (an error code), if any. */
  readonly lastError: Record<string, string>;
}

const shown = (r: ShownRecord): ShownRecord => ({ id: r.id, offset: r.offset, key: r.key, value: r.value });

/** Every record of the topic the stretch knows, by id: from both ends' logs and the appends in between. */
function recordsById(frame: Frame, topic: string): Map<string, ShownRecord> {
  const byId = new Map<string, ShownRecord>();
  for (const s of [frame.fromState, frame.state]) {
    for (const p of s?.topics[topic]?.partitions ?? []) {
      for (const log of Object.values(p.logs)) for (const r of keptRecords(log)) byId.set(r.id, shown(r));
    }
  }
  for (const e of frame.events) {
    if (e.type === 'recordAppended' && e.topic === topic)
      byId.set(e.recordId, { id: e.recordId, offset: e.offset, key: e.key, value: e.value });
  }
  return byId;
}

function initial(s: EngineState, topic: string): ClusterPicture {
  const alive: Record<BrokerId, boolean> = {};
  for (const b of Object.values(s.brokers)) alive[b.id] = b.alive;
  const acked: Record<string, number> = {};
  for (const p of Object.values(s.producers)) acked[p.id] = p.acked;
  const partitions = (s.topics[topic]?.partitions ?? []).map(
    (p): PartitionPicture => ({
      partition: p.partition,
      leader: p.leader,
      leaderEpoch: p.leaderEpoch,
      isr: p.isr,
      highWatermark: p.highWatermark,
      replicas: p.replicas.map((b) => {
        const log = p.logs[b];
        return {
          broker: b,
          records: log ? keptRecords(log).map(shown) : [],
          logEndOffset: log?.logEndOffset ?? 0,
          lost: [],
        };
      }),
      elected: null,
      offsetsLost: [],
    }),
  );
  return { alive, partitions, acked, lastError: {} };
}

function place(replica: ReplicaPicture, record: ShownRecord): void {
  // An append at offset o means the replica's log ends just before o (appends are contiguous).
  replica.records = [...replica.records.filter((r) => r.offset < record.offset), record];
  replica.logEndOffset = record.offset + 1;
}

/** Applies the changes an event makes to the picture; `notesOnly` keeps the state (it is final already). */
function apply(
  pic: ClusterPicture,
  e: EngineEvent,
  topic: string,
  byId: Map<string, ShownRecord>,
  notesOnly: boolean,
): void {
  if (e.type === 'produceFailed') pic.lastError[e.producer] = e.error;
  if (e.type === 'produceAcked') delete pic.lastError[e.producer];
  if (!notesOnly) {
    // A crash (kill -9) and a controlled shutdown both take the broker down; the view says which.
    if (e.type === 'brokerKilled' || e.type === 'brokerShutDown') pic.alive[e.broker] = false;
    if (e.type === 'brokerRestarted') pic.alive[e.broker] = true;
    if (e.type === 'produceAcked') pic.acked[e.producer] = (pic.acked[e.producer] ?? 0) + e.count;
  }
  if (!('topic' in e) || e.topic !== topic || !('partition' in e)) return;
  const p = pic.partitions[e.partition];
  if (!p) return;
  const replica = (b: BrokerId) => p.replicas.find((r) => r.broker === b);
  switch (e.type) {
    case 'leaderElected':
      p.elected = e;
      if (notesOnly) return;
      p.leader = e.leader;
      p.leaderEpoch = e.leaderEpoch;
      p.isr = e.isr;
      return;
    case 'offsetsLost':
      p.offsetsLost.push({ fromOffset: e.fromOffset, toOffset: e.toOffset });
      return;
    case 'logTruncated': {
      const r = replica(e.broker);
      if (!r) return;
      if (notesOnly) {
        r.lost.push(...e.lostRecordIds.flatMap((id) => byId.get(id) ?? []));
        return;
      }
      r.lost.push(...r.records.filter((x) => x.offset >= e.toOffset));
      r.records = r.records.filter((x) => x.offset < e.toOffset);
      r.logEndOffset = e.toOffset;
      return;
    }
  }
  if (notesOnly) return;
  switch (e.type) {
    case 'partitionOffline':
      p.leader = null;
      p.isr = e.isr;
      return;
    case 'isrShrunk':
    case 'isrExpanded':
      p.isr = e.isr;
      return;
    case 'highWatermarkAdvanced':
      p.highWatermark = e.to;
      return;
    case 'recordAppended': {
      const r = replica(e.broker);
      if (r) place(r, { id: e.recordId, offset: e.offset, key: e.key, value: e.value });
      return;
    }
    case 'recordsReplicated': {
      const r = replica(e.broker);
      const source = replica(e.leader);
      if (!r) return;
      for (let o = e.fromOffset; o < e.toOffset; o++) {
        const rec = source?.records.find((x) => x.offset === o);
        if (rec) place(r, rec);
      }
      return;
    }
  }
}

const cache = new WeakMap<Frame, { topic: string; byId: Map<string, ShownRecord> }>();

export function pictureAt(frame: Frame, topic: string, playheadMs: number): ClusterPicture {
  const atEnd = !frame.fromState || playheadMs >= frame.toMs;
  let hit = cache.get(frame);
  if (!hit || hit.topic !== topic) {
    hit = { topic, byId: recordsById(frame, topic) };
    cache.set(frame, hit);
  }
  const pic = initial(atEnd ? frame.state : frame.fromState!, topic);
  for (const e of frame.events) {
    if (!atEnd && e.atMs > playheadMs) continue;
    apply(pic, e, topic, hit.byId, atEnd);
  }
  return pic;
}
