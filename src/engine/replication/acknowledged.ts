/**
 * What a run's events say about acknowledged records and their copies, for the stage to draw (issue 15,
 * point 7): each record a producer was told ✓ for, how many replicas hold it now, whether it was lost after
 * its ✓ (the acks=1 loss: the leader truncated it away on return, KIP-101), the last refusal a producer heard,
 * and whether a broker that is down crashed or shut down cleanly. Read-only: it replays the events of a run
 * from its start, never the engine's rules; it decides nothing.
 */
import type { EngineEvent } from '../core/events';
import type { BrokerId } from '../core/types';

export interface AcknowledgedRecord {
  readonly producer: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly recordId: string;
  readonly key: string | null;
  readonly value: string;
  /** No replica holds it any more: truncated from every log (or given up by an unclean election). */
  readonly lost: boolean;
}

export type BrokerDownReason = 'crashed' | 'shut down';

export interface ReplicationHistory {
  /** Per producer, the records it was told ✓ for, in the order of their ✓. */
  readonly acknowledged: Readonly<Record<string, readonly AcknowledgedRecord[]>>;
  /** How many replicas' logs hold each record, by record id (a down broker's disk still counts). */
  readonly copies: ReadonlyMap<string, number>;
  /** The last refusal each producer heard (an error code) and not yet followed by a ✓. */
  readonly refusals: Readonly<Record<string, string>>;
  /** Brokers that are down, and how they went: brokerKilled is a crash, brokerShutDown a controlled shutdown. */
  readonly down: Readonly<Record<BrokerId, BrokerDownReason>>;
}

const where = (topic: string, partition: number, broker: BrokerId) => `${topic}/${partition}/${broker}`;

/** Replays `events` (every event of a run from its start, in order) for one topic's records. */
export function replicationHistory(events: readonly EngineEvent[], topic: string): ReplicationHistory {
  // Each replica's log as record ids by offset: appends by the leader, copies by followers, truncations.
  const logs = new Map<string, string[]>();
  const log = (partition: number, broker: BrokerId) => {
    const k = where(topic, partition, broker);
    const l = logs.get(k) ?? [];
    logs.set(k, l);
    return l;
  };
  const records = new Map<string, { key: string | null; value: string }>();
  const batches = new Map<string, string[]>();
  const acked: { producer: string; partition: number; offset: number; recordId: string }[] = [];
  const refusals: Record<string, string> = {};
  const down: Record<BrokerId, BrokerDownReason> = {};
  for (const e of events) {
    switch (e.type) {
      case 'brokerKilled':
        down[e.broker] = 'crashed';
        break;
      case 'brokerShutDown':
        down[e.broker] = 'shut down';
        break;
      case 'brokerRestarted':
        delete down[e.broker];
        break;
      case 'produceFailed':
        if (e.topic === topic) refusals[e.producer] = e.error;
        break;
      case 'messageSent':
        if (e.message.kind === 'produceRequest' && e.message.payload.topic === topic)
          batches.set(
            e.message.payload.batchId,
            e.message.payload.records.map((r) => r.id),
          );
        break;
      case 'recordAppended': {
        if (e.topic !== topic) break;
        const l = log(e.partition, e.broker);
        l.length = e.offset;
        l.push(e.recordId);
        records.set(e.recordId, { key: e.key, value: e.value });
        break;
      }
      case 'recordsReplicated': {
        if (e.topic !== topic) break;
        const from = log(e.partition, e.leader);
        const l = log(e.partition, e.broker);
        l.length = e.fromOffset;
        for (let o = e.fromOffset; o < e.toOffset; o++) l.push(from[o] ?? '');
        break;
      }
      case 'segmentsDeleted': {
        // Retention removed the oldest records: they are no copies any more (nor lost after a ✓).
        if (e.topic !== topic) break;
        const l = log(e.partition, e.broker);
        for (let o = 0; o < Math.min(e.logStartOffset, l.length); o++) l[o] = '';
        break;
      }
      case 'logTruncated':
        if (e.topic === topic) log(e.partition, e.broker).length = e.toOffset;
        break;
      case 'produceAcked': {
        if (e.topic !== topic) break;
        delete refusals[e.producer];
        // acks=0 has no offset to name (-1): nothing was acknowledged by a broker.
        if (e.baseOffset < 0) break;
        (batches.get(e.batchId) ?? []).forEach((recordId, i) => {
          acked.push({ producer: e.producer, partition: e.partition, offset: e.baseOffset + i, recordId });
        });
        break;
      }
    }
  }
  const copies = new Map<string, number>();
  for (const l of logs.values()) for (const id of l) if (id) copies.set(id, (copies.get(id) ?? 0) + 1);
  const acknowledged: Record<string, AcknowledgedRecord[]> = {};
  for (const a of acked) {
    const r = records.get(a.recordId);
    if (!r) continue;
    const list = acknowledged[a.producer] ?? [];
    list.push({ ...a, topic, key: r.key, value: r.value, lost: (copies.get(a.recordId) ?? 0) === 0 });
    acknowledged[a.producer] = list;
  }
  return { acknowledged, copies, refusals, down };
}
