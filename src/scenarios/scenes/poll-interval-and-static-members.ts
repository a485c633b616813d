/**
 * Issue 19, "Kafka today": two ways a group rebalances, or does not, that the talk never showed. Group
 * "billing": a consumer whose processing of one poll's records outlasts max.poll.interval.ms leaves the group
 * though its heartbeats are fine (the heartbeat thread gives up the membership, AbstractCoordinator
 * .handlePollTimeoutExpiry). Group "shipping": a static member (group.instance.id, KIP-345) restarts within
 * its session timeout and the group does not rebalance; a dynamic member doing the same causes two.
 */
import type { Command, EngineState } from '../../engine';
import { GROUP_FORMS_MS, groupIs, owns, REBALANCE_MS, stageConsumer } from '../consumer-helpers';
import { SCRIPT_NAMES_NOTE } from '../real-commands';
import type { Claim, Scene } from '../types';

const TOPIC = 'orders';
const BILLING = 'billing';
const SHIPPING = 'shipping';
/** max.poll.interval.ms shortened from 300000 (5 minutes) so the story fits on the stage. */
const MAX_POLL_INTERVAL_MS = 10_000;
/** slow's app loop: one poll, then 15 s of processing what it returned, before the next poll. */
const SLOW_PROCESSING_MS = 15_000;
/** A restart: the process stops, and comes back this much later (well inside session.timeout.ms). */
const RESTART_GAP_MS = 3000;
/** From the start until the heartbeat thread notices that slow has not polled for max.poll.interval.ms. */
const POLL_TIMER_RUNS_OUT_MS = 6000;
/** slow's next poll, 15 s after its first, rejoins the group. */
const NEXT_POLL_MS = 5000;

const member = (id: string, group: string, extra: Partial<Extract<Command, { type: 'addConsumer' }>> = {}) =>
  stageConsumer(id, group, TOPIC, {
    autoOffsetReset: 'earliest',
    assignor: 'range',
    maxPollIntervalMs: MAX_POLL_INTERVAL_MS,
    ...extra,
  });

const memberIds = (s: EngineState, group: string) =>
  (s.groups.groups[group]?.memberIds ?? []).map((id) => s.groups.groups[group]!.members[id]!.consumer);

const isMember = (consumer: string, group: string, yes: boolean): Claim => ({
  text: `${consumer} is ${yes ? '' : 'not '}a member of ${group}`,
  holds: (s) => memberIds(s, group).includes(consumer) === yes,
});

const running = (consumer: string): Claim => ({
  text: `${consumer}'s process is still running`,
  holds: (s) => {
    const c = s.groups.consumers[consumer];
    return !!c && c.status !== 'dead' && c.status !== 'closed' && c.status !== 'failed';
  },
});

export const pollIntervalAndStaticMembers: Scene = {
  id: 'poll-interval-and-static-members',
  title: 'Slow processing, and members that come back',
  slides: [],
  seed: 345,
  setup: [
    { type: 'createCluster', brokers: 3 },
    { type: 'createTopic', topic: TOPIC, partitions: 4 },
    { type: 'addProducer', producer: 'producer', keyless: 'round-robin', roundRobinStart: 0, lingerMs: 0 },
  ],
  steps: [
    {
      title: 'A slow consumer',
      narration:
        'In group billing, slow needs 15 s to process what one poll returns. max.poll.interval.ms is 10 s. Its heartbeats go out every second.',
      notes:
        'Two clocks in every Java consumer. The heartbeat thread sends a Heartbeat every heartbeat.interval.ms and proves the process is alive (session.timeout.ms). The poll timer proves the application is making progress: the time between two poll() calls must stay under max.poll.interval.ms (300000 by default, 10000 here). Group shipping on the right comes later.',
      commands: [
        member('fast', BILLING),
        member('slow', BILLING, { pollIntervalMs: SLOW_PROCESSING_MS }),
        member('pinned', SHIPPING, { groupInstanceId: 'shipping-1' }),
        member('plain', SHIPPING),
        { type: 'advance', ms: GROUP_FORMS_MS },
      ],
      claims: [
        groupIs(BILLING, 'Stable', 1),
        owns('fast', TOPIC, [0, 1]),
        owns('slow', TOPIC, [2, 3]),
        groupIs(SHIPPING, 'Stable', 1),
      ],
    },
    {
      title: 'Will slow stay?',
      narration: 'Every heartbeat of slow arrives on time. Does the coordinator keep it in the group?',
      notes: 'Let the room answer. The heartbeats say the process is alive; do they say it is working?',
      predict:
        'slow’s heartbeats all arrive on time, but it polls only every 15 s. Does it stay in the group?',
      commands: [],
    },
    {
      title: 'Out, though its heartbeats were fine',
      narration:
        '10 s without a poll: slow’s own heartbeat thread gives up and sends LeaveGroup. The group rebalances and fast takes all four partitions. slow is still running.',
      notes:
        'AbstractCoordinator’s heartbeat thread checks the poll timer before each heartbeat: heartbeat.pollTimeoutExpired → handlePollTimeoutExpiry → maybeLeaveGroup("consumer poll timeout has expired."). The coordinator only sees a LeaveGroup from a member whose heartbeats were fine. The log line learners will meet: “consumer poll timeout has expired. This means the time between subsequent calls to poll() was longer than the configured max.poll.interval.ms…”. The app does not know yet: it is still processing, and its commit will fail (CommitFailedException).',
      commands: [{ type: 'advance', ms: POLL_TIMER_RUNS_OUT_MS }],
      claims: [
        isMember('slow', BILLING, false),
        running('slow'),
        groupIs(BILLING, 'Stable', 2),
        { ...owns('fast', TOPIC, [0, 1, 2, 3]), text: 'fast owns all four partitions' },
      ],
    },
    {
      title: 'Back at its next poll, and out again',
      narration:
        'At its next poll slow rejoins: another rebalance. In 10 s its poll timer runs out again. Fix the loop: fewer records per poll (max.poll.records), or a longer max.poll.interval.ms.',
      notes:
        'The next poll() finds the member without a generation and joins again, so the group rebalances twice per cycle: the storm on-call engineers know. Heartbeats were never the problem. Since KIP-62 (0.10.1) processing time and liveness are separate timeouts.',
      commands: [{ type: 'advance', ms: NEXT_POLL_MS }],
      claims: [isMember('slow', BILLING, true), groupIs(BILLING, 'Stable', 3), owns('slow', TOPIC, [2, 3])],
    },
    {
      title: 'A static member restarts',
      narration:
        'Group shipping: pinned has group.instance.id=shipping-1, plain has none. pinned restarts: stopped, back 3 s later. Does shipping rebalance? (slow is stopped now.)',
      notes:
        'Static membership (KIP-345, Kafka 2.3). A static member sends no LeaveGroup when it stops (AbstractCoordinator.maybeLeaveGroup: only dynamic members do); the coordinator keeps its slot until session.timeout.ms. slow is stopped here so billing stays quiet.',
      predict: 'pinned (static) is restarted and back within 3 s. Does group shipping rebalance?',
      commands: [{ type: 'closeConsumer', consumer: 'slow' }],
    },
    {
      title: 'Same generation, same partitions',
      narration:
        'No rebalance: pinned comes back with its instance id, takes its old slot, and gets P0 and P1 again. shipping stays in generation 1.',
      notes:
        'The restarted process joins with an unknown member id and group.instance.id=shipping-1. GroupMetadataManager finds the static member, replaces its member id, and in Stable, when the selected protocol does not change, “will not trigger a rebalance”: the JoinGroup answer carries the current generation, and SyncGroup returns the old assignment. kafka-consumer-groups --describe --members shows the same instance id with a new consumer id.',
      commands: [
        { type: 'closeConsumer', consumer: 'pinned' },
        { type: 'advance', ms: RESTART_GAP_MS },
        { type: 'restartConsumer', consumer: 'pinned' },
        { type: 'advance', ms: REBALANCE_MS },
      ],
      claims: [groupIs(SHIPPING, 'Stable', 1), owns('pinned', TOPIC, [0, 1]), owns('plain', TOPIC, [2, 3])],
    },
    {
      title: 'A dynamic member restarts',
      narration:
        'plain, without an instance id, does the same. Its LeaveGroup makes shipping rebalance, and its return makes it rebalance again: generation 3.',
      notes:
        'close() of a dynamic member sends LeaveGroup: generation 2 gives pinned everything. The new process joins as a new member (a new member id): generation 3 splits the partitions again. Two stops of the whole group for one restart; a rolling deploy of n dynamic members costs 2n rebalances. That is what group.instance.id is for (and KIP-848’s consumer protocol removes the stop altogether).',
      commands: [
        { type: 'closeConsumer', consumer: 'plain' },
        { type: 'advance', ms: RESTART_GAP_MS },
        { type: 'restartConsumer', consumer: 'plain' },
        { type: 'advance', ms: REBALANCE_MS },
      ],
      claims: [groupIs(SHIPPING, 'Stable', 3), owns('pinned', TOPIC, [0, 1]), owns('plain', TOPIC, [2, 3])],
    },
  ],
  view: { kind: 'member-timers', topic: TOPIC, groups: [BILLING, SHIPPING] },
  realCommands: [
    SCRIPT_NAMES_NOTE,
    "# two members of billing; pipe slow's output into something that does not read it (| less, and wait):\n# once the pipe is full, poll() is not called, and 10 s later its heartbeat thread leaves the group\nbin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group billing \\\n  --command-property max.poll.interval.ms=10000",
    '# group shipping: plain, a dynamic member\nbin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group shipping',
    '# pinned, a static member: the same group.instance.id every time this process starts\nbin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic orders --group shipping \\\n  --command-property group.instance.id=shipping-1',
    '# restart it (Ctrl-C, start again within session.timeout.ms), then compare: same assignment, same state\nbin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --group shipping --members --verbose',
    'bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 --describe --group shipping --state',
  ],
};
