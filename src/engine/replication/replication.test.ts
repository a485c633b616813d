/** The mechanics of replication: fetching, the ISR, the high watermark, elections, reading, epochs. */
import { describe, expect, it } from 'vitest';
import type { Command } from '../core/commands';
import { checkInvariants } from '../core/invariants';
import { produce, replicatedCluster, story } from '../testing/replication';
import { runCommands } from '../testing/test-support';
import { assignEpoch, endOffsetFor, truncateEpochsFromEnd } from './epoch-cache';
import { readableRecords } from './read';

const advance = (ms: number): Command => ({ type: 'advance', ms });

describe('followers fetching', () => {
  it('sends one fetch per follower and leader broker, covering every partition it follows there', () => {
    const { events } = runCommands(1, [
      ...replicatedCluster({
        replicas: [
          [0, 1, 2],
          [0, 2, 1],
          [1, 0, 2],
        ],
      }).slice(0, 2),
    ]);
    const fetches = events.flatMap((e) =>
      e.type === 'messageSent' && e.message.kind === 'replicaFetch'
        ? [`${e.message.from}>${e.message.to} ${e.message.payload.partitions.map((p) => p.partition)}`]
        : [],
    );
    expect(fetches).toEqual([
      'broker:0>broker:1 2',
      'broker:1>broker:0 0,1',
      'broker:2>broker:0 0,1',
      'broker:2>broker:1 2',
    ]);
  });

  it('answers a fetch as soon as records are appended, and the HW follows the followers', () => {
    const { state, events } = runCommands(1, [...replicatedCluster(), produce('a'), advance(1000)]);
    const lines = events
      .filter((e) => e.atMs >= 100)
      .map((e) =>
        e.type === 'messageSent'
          ? `${e.atMs} ${e.message.kind} ${e.message.from}>${e.message.to}`
          : `${e.atMs} ${e.type}${e.type === 'highWatermarkAdvanced' ? ` ${e.to}` : ''}`,
      );
    expect(lines).toEqual([
      '100 clockAdvanced',
      '100 partitionChosen',
      '100 batchCreated',
      '100 produceRequest producer:p>broker:0',
      '105 recordAppended',
      // The followers' held fetches complete on the append.
      '105 replicaFetchResponse broker:0>broker:1',
      '105 replicaFetchResponse broker:0>broker:2',
      '110 recordsReplicated',
      '110 replicaFetch broker:1>broker:0',
      '110 recordsReplicated',
      '110 replicaFetch broker:2>broker:0',
      // Their next fetches tell the leader their LEO: the HW moves and acks=all is answered.
      '115 highWatermarkAdvanced 1',
      '115 produceResponse broker:0>producer:p',
      '120 produceAcked',
      // The followers learn the new HW when their held fetch times out (replica.fetch.wait.max.ms).
      '615 replicaFetchResponse broker:0>broker:1',
      '615 replicaFetchResponse broker:0>broker:2',
      '620 replicaFetch broker:1>broker:0',
      '620 replicaFetch broker:2>broker:0',
      '1100 clockAdvanced',
    ]);
    expect(state.topics.t!.partitions[0]!.replicaHighWatermarks).toEqual({ 0: 1, 1: 1, 2: 1 });
  });

  it('sends nothing while the cluster is idle and caught up', () => {
    const { events } = runCommands(1, [...replicatedCluster(), produce('a'), advance(1000), advance(60_000)]);
    expect(events.filter((e) => e.atMs > 1100).map((e) => e.type)).toEqual(['clockAdvanced']);
  });
});

describe('the ISR', () => {
  it('drops followers that lag longer than replica.lag.time.max.ms and takes them back once caught up', () => {
    const burst = Array.from({ length: 150 }, (_, i) => [produce(`v${i}`), advance(2)]).flat();
    const { state, events } = runCommands(1, [
      ...replicatedCluster({
        acks: 1,
        config: { minInsyncReplicas: 1 },
        // One record per fetch: the followers cannot keep up with a record every 2 ms.
        network: { replicaFetchMaxBytes: 1, replicaLagTimeMaxMs: 300 },
      }),
      ...burst,
      advance(3000),
    ]);
    expect(story(events).filter((l) => l.includes('isr'))).toEqual([
      '450 isr [0] without [1,2] (lagging)',
      '1605 isr [0,1] with 1',
      '1605 isr [0,1,2] with 2',
    ]);
    expect(state.metrics).toMatchObject({ isrShrinks: 1, isrExpands: 2, underReplicatedPartitions: 0 });
  });

  it('counts UnderReplicatedPartitions while a replica is out of the ISR', () => {
    const base = [
      ...replicatedCluster({
        replicas: [
          [0, 1, 2],
          [1, 2, 0],
        ],
      }),
      { type: 'killBroker', broker: 2 } as Command,
      // Out of the ISR once the controller fences it, when its session expires.
      advance(9000),
    ];
    expect(runCommands(1, base).state.metrics.underReplicatedPartitions).toBe(2);
    const back = runCommands(1, [...base, { type: 'restartBroker', broker: 2 }, advance(100)]).state;
    expect(back.metrics.underReplicatedPartitions).toBe(0);
    expect(checkInvariants(back)).toEqual([]);
  });
});

describe('the high watermark under min.insync.replicas (KAFKA-15583)', () => {
  it('stores an acks=1 write but does not make it readable while the ISR is below min.insync.replicas', () => {
    const { state } = runCommands(1, [
      ...replicatedCluster({ acks: 1 }),
      { type: 'killBroker', broker: 1 },
      { type: 'killBroker', broker: 2 },
      advance(9000),
      produce('a'),
      advance(100),
    ]);
    const p = state.topics.t!.partitions[0]!;
    expect(p.logs[0]!.logEndOffset).toBe(1);
    expect(p.highWatermark).toBe(0);
    expect(readableRecords(state, 't', 0, 0, 10).records).toEqual([]);
  });
});

describe('readableRecords', () => {
  it('reads below the high watermark only, up to maxRecords', () => {
    const ok = runCommands(1, [
      ...replicatedCluster({ acks: 1 }),
      produce('a'),
      produce('b'),
      produce('c'),
      advance(100),
    ]).state;
    expect(ok.topics.t!.partitions[0]!.highWatermark).toBe(3);
    expect(readableRecords(ok, 't', 0, 0, 2).records.map((r) => r.value)).toEqual(['a', 'b']);
    expect(readableRecords(ok, 't', 0, 1, 10).records.map((r) => r.value)).toEqual(['b', 'c']);
    expect(readableRecords(ok, 't', 0, 3, 10)).toMatchObject({ records: [], highWatermark: 3 });
    expect(readableRecords(ok, 't', 0, 4, 10).error).toBe('OFFSET_OUT_OF_RANGE');
    expect(readableRecords(ok, 'nope', 0, 0, 10).error).toBe('UNKNOWN_TOPIC_OR_PARTITION');
  });

  it('says LEADER_NOT_AVAILABLE for an offline partition', () => {
    const offline = runCommands(1, [
      ...replicatedCluster({ brokers: 4 }),
      { type: 'killBroker', broker: 1 },
      { type: 'killBroker', broker: 2 },
      { type: 'killBroker', broker: 0 },
      advance(9000),
    ]).state;
    expect(readableRecords(offline, 't', 0, 0, 10).error).toBe('LEADER_NOT_AVAILABLE');
  });
});

describe('the controller', () => {
  it('moves to the next broker when its broker dies, and fences the old one when its session expires', () => {
    const { state, events } = runCommands(1, [
      ...replicatedCluster({ brokers: 4 }),
      { type: 'killBroker', broker: 0 },
      advance(9000),
    ]);
    expect(story(events)).toEqual([
      '100 brokerKilled 0',
      '100 controller 1',
      '9100 brokerFenced 0 (session timed out)',
      '9100 clean leader 1 epoch 1 isr [1,2]',
    ]);
    expect(state.controller).toBe(1);
  });

  it('fences a broker cut off from everything after broker.session.timeout.ms, not before', () => {
    const cut = [...replicatedCluster(), { type: 'isolateBroker', broker: 0 } as Command];
    expect(runCommands(1, [...cut, advance(8999)]).state.topics.t!.partitions[0]!.leader).toBe(0);
    const after = runCommands(1, [...cut, advance(9000)]);
    expect(story(after.events).slice(-2)).toEqual([
      '9100 brokerFenced 0 (session timed out)',
      '9100 clean leader 1 epoch 1 isr [1,2]',
    ]);
  });

  it('does nothing when the broker comes back within the session timeout', () => {
    const { state, events } = runCommands(1, [
      ...replicatedCluster(),
      { type: 'isolateBroker', broker: 1 },
      advance(5000),
      { type: 'healBroker', broker: 1 },
      advance(10_000),
    ]);
    expect(events.some((e) => e.type === 'brokerFenced' || e.type === 'leaderElected')).toBe(false);
    expect(state.topics.t!.partitions[0]!.isr).toEqual([0, 1, 2]);
  });
});

describe('leader elections on demand and reassignment', () => {
  it('moves leadership back to the preferred replica (kafka-leader-election --election-type preferred)', () => {
    const { state, events } = runCommands(1, [
      ...replicatedCluster(),
      { type: 'killBroker', broker: 0 },
      { type: 'restartBroker', broker: 0 },
      advance(100),
      { type: 'electLeaders', electionType: 'preferred' },
    ]);
    expect(story(events).at(-1)).toBe('200 preferred leader 0 epoch 2 isr [0,1,2]');
    expect(state.topics.t!.partitions[0]!.leader).toBe(0);
  });

  it('adds the new replica, lets it catch up, moves leadership into the target and drops the old one', () => {
    const { state, events } = runCommands(1, [
      ...replicatedCluster({ brokers: 4 }),
      produce('a'),
      advance(100),
      { type: 'reassignPartition', topic: 't', partition: 0, replicas: [3, 1, 2] },
      advance(100),
    ]);
    expect(story(events).slice(-3)).toEqual([
      '215 isr [3,1,2,0] with 3',
      '215 reassignment leader 3 epoch 1 isr [3,1,2,0]',
      '215 isr [3,1,2] without [0] (reassignment)',
    ]);
    const p = state.topics.t!.partitions[0]!;
    expect(p).toMatchObject({ replicas: [3, 1, 2], leader: 3, isr: [3, 1, 2], reassignment: null });
    expect(Object.keys(p.logs)).toEqual(['1', '2', '3']);
    expect(p.logs[3]!.items.map((r) => r?.value)).toEqual(['a']);
    expect(checkInvariants(state)).toEqual([]);
  });
});

describe('the leader-epoch cache (LeaderEpochFileCache)', () => {
  const cache = [
    { epoch: 0, startOffset: 0 },
    { epoch: 2, startOffset: 5 },
    { epoch: 3, startOffset: 9 },
  ];

  it('answers where an epoch ended: the next epoch start, or the log end for the latest', () => {
    expect(endOffsetFor(cache, 3, 12)).toEqual({ epoch: 3, endOffset: 12 });
    expect(endOffsetFor(cache, 2, 12)).toEqual({ epoch: 2, endOffset: 9 });
    // Epoch 1 never led here: the largest epoch below it, ending where epoch 2 began.
    expect(endOffsetFor(cache, 1, 12)).toEqual({ epoch: 0, endOffset: 5 });
    expect(endOffsetFor(cache, 7, 12)).toEqual({ epoch: -1, endOffset: -1 });
  });

  it('keeps epochs and offsets increasing when assigning, and forgets epochs past a truncation', () => {
    expect(assignEpoch(cache, 4, 9)).toEqual([cache[0], cache[1], { epoch: 4, startOffset: 9 }]);
    expect(assignEpoch(cache, 3, 10)).toBe(cache);
    expect(truncateEpochsFromEnd(cache, 9)).toEqual([cache[0], cache[1]]);
  });
});
