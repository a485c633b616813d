/**
 * Brokers going down and coming back, and the controller's leader election that follows
 * (a basic version: clean election from the ISR in replica-list order; issue 5 grows this into full
 * replication with follower fetching, ISR shrink/expand and truncation).
 */
import type { Command } from './commands';
import type { EngineError } from './events';
import { advanceHighWatermark } from './high-watermark';
import type { Tx } from './tx';
import type { BrokerId } from './types';

type Cmd<T extends Command['type']> = Extract<Command, { type: T }>;

function brokerOr(tx: Tx, id: BrokerId): EngineError | undefined {
  return tx.state.brokers[id]
    ? undefined
    : { code: 'BROKER_NOT_AVAILABLE', message: `There is no broker ${id}.` };
}

export function killBroker(tx: Tx, cmd: Cmd<'killBroker'>): EngineError | undefined {
  const err = brokerOr(tx, cmd.broker);
  if (err) return err;
  const b = tx.state.brokers[cmd.broker]!;
  if (!b.alive) return { code: 'INVALID_REQUEST', message: `Broker ${cmd.broker} is already down.` };
  tx.state = { ...tx.state, brokers: { ...tx.state.brokers, [b.id]: { ...b, alive: false } } };
  tx.emit({ type: 'brokerKilled', broker: b.id });
  electLeadersAfterFailure(tx, b.id);
  return undefined;
}

export function restartBroker(tx: Tx, cmd: Cmd<'restartBroker'>): EngineError | undefined {
  const err = brokerOr(tx, cmd.broker);
  if (err) return err;
  const b = tx.state.brokers[cmd.broker]!;
  if (b.alive) return { code: 'INVALID_REQUEST', message: `Broker ${cmd.broker} is already running.` };
  tx.state = { ...tx.state, brokers: { ...tx.state.brokers, [b.id]: { ...b, alive: true } } };
  tx.emit({ type: 'brokerRestarted', broker: b.id });
  // An offline partition whose last ISR member returns gets its leader back.
  for (const topic of Object.values(tx.state.topics)) {
    for (const p of topic.partitions) {
      if (p.leader === null && p.isr.includes(b.id)) {
        tx.updatePartition(topic.name, p.partition, (q) => ({
          ...q,
          leader: b.id,
          leaderEpoch: q.leaderEpoch + 1,
        }));
        tx.bumpMetric('leaderElections');
      }
    }
  }
  return undefined;
}

export function isolateBroker(tx: Tx, cmd: Cmd<'isolateBroker'>): EngineError | undefined {
  const err = brokerOr(tx, cmd.broker);
  if (err) return err;
  const b = tx.state.brokers[cmd.broker]!;
  tx.state = { ...tx.state, brokers: { ...tx.state.brokers, [b.id]: { ...b, isolated: true } } };
  tx.emit({ type: 'brokerIsolated', broker: b.id });
  return undefined;
}

export function healBroker(tx: Tx, cmd: Cmd<'healBroker'>): EngineError | undefined {
  const err = brokerOr(tx, cmd.broker);
  if (err) return err;
  const b = tx.state.brokers[cmd.broker]!;
  tx.state = { ...tx.state, brokers: { ...tx.state.brokers, [b.id]: { ...b, isolated: false } } };
  tx.emit({ type: 'brokerHealed', broker: b.id });
  return undefined;
}

/**
 * The controller moves leadership of every partition the dead broker led to the next live ISR member in
 * replica order, bumping the leader epoch; with none left the partition goes offline (leader null) and
 * keeps its last ISR, as KRaft does.
 */
function electLeadersAfterFailure(tx: Tx, dead: BrokerId): void {
  for (const topic of Object.values(tx.state.topics)) {
    for (const p of topic.partitions) {
      if (!p.replicas.includes(dead)) continue;
      const isr = p.isr.length > 1 ? p.isr.filter((b) => b !== dead) : p.isr;
      if (p.leader !== dead) {
        tx.updatePartition(topic.name, p.partition, (q) => ({ ...q, isr }));
        continue;
      }
      const next = p.replicas.find((b) => b !== dead && isr.includes(b) && tx.state.brokers[b]?.alive);
      tx.updatePartition(topic.name, p.partition, (q) => ({
        ...q,
        isr,
        leader: next ?? null,
        leaderEpoch: next === undefined ? q.leaderEpoch : q.leaderEpoch + 1,
        pendingAcks: [],
      }));
      if (next !== undefined) {
        tx.bumpMetric('leaderElections');
        advanceHighWatermark(tx, topic.name, p.partition);
      }
    }
  }
}
