/**
 * Consumer fetches: the client sends one Fetch per partition leader for its owned, unpaused partitions that
 * have a position, nothing buffered and no fetch outstanding (Fetcher.prepareFetchRequests); the leader
 * answers with records below the high watermark. Fetches are answered at once: the simulator does not hold
 * them for fetch.min.bytes / fetch.max.wait.ms, so an idle consumer asks again on its next poll.
 */

import { withoutKey } from '../core/records';
import type { Tx } from '../core/tx';
import { type BrokerId, brokerIdOf, brokerNode, consumerNode } from '../core/types';
import { addressee } from './client-join';
import type { ConsumerFetchedPartition, ConsumerFetchPartition, GroupMessageOf } from './protocol';
import { readForConsumer, resetOffset } from './read';
import { setConsumer } from './slice';
import { type ConsumerState, type InFlightFetch, tpKey } from './types';

/**
 * An outstanding fetch still counts unless its broker no longer leads the partition or is down (the client
 * sees the connection close and refreshes its metadata) or it outlived request.timeout.ms.
 */
function fetchOutstanding(tx: Tx, c: ConsumerState, f: InFlightFetch | undefined, leader: BrokerId): boolean {
  if (!f) return false;
  if (f.broker !== leader || !tx.state.brokers[f.broker]?.alive) return false;
  return tx.state.now - f.sentAtMs < c.config.requestTimeoutMs;
}

export function sendFetches(tx: Tx, c: ConsumerState): ConsumerState {
  const byLeader = new Map<BrokerId, ConsumerFetchPartition[]>();
  const fetching = { ...c.fetching };
  for (const tp of c.owned) {
    const key = tpKey(tp.topic, tp.partition);
    const position = c.positions[key];
    if (position === undefined || (c.buffer[key]?.length ?? 0) > 0) continue;
    const leader = tx.state.topics[tp.topic]?.partitions[tp.partition]?.leader;
    if (leader === null || leader === undefined || !tx.state.brokers[leader]?.alive) continue;
    if (fetchOutstanding(tx, c, fetching[key], leader)) continue;
    fetching[key] = { broker: leader, sentAtMs: tx.state.now };
    const list = byLeader.get(leader) ?? [];
    list.push({ topic: tp.topic, partition: tp.partition, fetchOffset: position });
    byLeader.set(leader, list);
  }
  if (byLeader.size === 0) return c;
  const next = { ...c, fetching };
  setConsumer(tx, next);
  for (const [leader, partitions] of [...byLeader].sort(([a], [b]) => a - b)) {
    tx.send('fetch', consumerNode(c.id), brokerNode(leader), {
      group: c.group,
      incarnation: c.incarnation,
      maxRecords: c.config.maxPollRecords,
      partitions,
      ...(c.config.isolationLevel === 'read_committed' ? { isolationLevel: 'read_committed' as const } : {}),
    });
  }
  return next;
}

/** The leader's side (ReplicaManager.fetchMessages for a consumer): only it answers, only below the HW. */
export function onFetch(tx: Tx, m: GroupMessageOf<'fetch'>): void {
  const broker = brokerIdOf(m.to);
  const maxRecords = m.payload.maxRecords;
  const partitions = m.payload.partitions.map((p): ConsumerFetchedPartition => {
    const state = tx.state.topics[p.topic]?.partitions[p.partition];
    if (!state || state.leader !== broker)
      return { ...p, error: 'NOT_LEADER_OR_FOLLOWER', highWatermark: -1, logStartOffset: -1, records: [] };
    const isolation = m.payload.isolationLevel ?? 'read_uncommitted';
    const read = readForConsumer(tx.state, p.topic, p.partition, p.fetchOffset, maxRecords, isolation);
    const last = read.records[read.records.length - 1];
    const skipped =
      read.nextOffset !== undefined && read.nextOffset > (last ? last.offset + 1 : p.fetchOffset);
    return {
      ...p,
      error: read.error ?? null,
      highWatermark: read.highWatermark,
      logStartOffset: read.logStartOffset,
      records: read.records.map((r) => ({ offset: r.offset, recordId: r.id })),
      ...(skipped ? { nextFetchOffset: read.nextOffset } : {}),
    };
  });
  tx.send('fetchResponse', m.to, m.from, {
    group: m.payload.group,
    incarnation: m.payload.incarnation,
    partitions,
  });
}

/**
 * Records land in the consumer's buffer for its next poll, if it still owns the partition at the offset it
 * asked from; OFFSET_OUT_OF_RANGE (say, retention passed it) resets by auto.offset.reset.
 */
export function onFetchResponse(tx: Tx, m: GroupMessageOf<'fetchResponse'>): void {
  const c = addressee(tx, m);
  if (!c) return;
  const broker = brokerIdOf(m.from);
  let next = c;
  for (const p of m.payload.partitions) {
    const key = tpKey(p.topic, p.partition);
    if (next.fetching[key]?.broker === broker) {
      next = { ...next, fetching: withoutKey(next.fetching, key) };
    }
    if (next.positions[key] !== p.fetchOffset) continue;
    if (p.error === 'OFFSET_OUT_OF_RANGE') {
      const strategy = next.config.autoOffsetReset;
      const offset = resetOffset(tx.state, p.topic, p.partition, strategy);
      tx.emit({
        type: 'offsetReset',
        consumer: c.id,
        group: c.group,
        topic: p.topic,
        partition: p.partition,
        offset,
        strategy,
      });
      next = { ...next, positions: { ...next.positions, [key]: offset } };
      continue;
    }
    // Only markers or aborted records were read: the position moves past them (FetchCollector's
    // nextFetchOffset), or the consumer would ask for them forever.
    if (p.error === null && p.records.length === 0 && p.nextFetchOffset !== undefined) {
      next = { ...next, positions: { ...next.positions, [key]: p.nextFetchOffset } };
      continue;
    }
    if (p.error !== null || p.records.length === 0) continue;
    next = { ...next, buffer: { ...next.buffer, [key]: p.records } };
    tx.emit({
      type: 'recordsFetched',
      consumer: c.id,
      group: c.group,
      broker,
      topic: p.topic,
      partition: p.partition,
      fromOffset: p.fetchOffset,
      count: p.records.length,
      highWatermark: p.highWatermark,
    });
  }
  if (next !== c) setConsumer(tx, next);
}
