/**
 * Polls recorded from the project's own cluster (one controller, node 100, and brokers 0-2) by
 * bridge/record-fixture.ts: fx-orders (3 partitions, RF 3) holds 8 keyed records; fx-classic (range, caught up),
 * fx-lagging (a console consumer that read 3 and left) and fx-kip848 (consumer protocol) read it.
 * brokerKilled is the same cluster after a kill -9 of one broker.
 */
import brokerKilledJson from '../fixtures/broker-killed.json';
import brokersUpJson from '../fixtures/brokers-up.json';
import type { LocalNode, MappingContext, RawPoll } from '../raw';

export interface RecordedPoll {
  bootstrap: string;
  nodes: LocalNode[];
  poll: RawPoll;
}

export const brokersUp = brokersUpJson as unknown as RecordedPoll;
export const brokerKilled = brokerKilledJson as unknown as RecordedPoll;

/** The context the bridge maps a poll of its own local cluster in (seq and the rest as a test needs). */
export function recordedContext(f: RecordedPoll, over: Partial<MappingContext> = {}): MappingContext {
  return {
    seq: 7,
    at: 1_000,
    bootstrap: f.bootstrap,
    origin: 'local',
    connectedSince: 500,
    localNodes: f.nodes,
    previousBrokers: [],
    records: 20,
    ...over,
  };
}
