import { describe, expect, it } from 'vitest';
import { parseActionRequest, refusal } from './action-policy';
import type { RealAction, RealActionRequest } from './protocol';

const ALL: RealAction[] = [
  { kind: 'produce', topic: 'orders', key: 'alice', value: 'v' },
  { kind: 'startConsumer', group: 'g', topic: 'orders' },
  { kind: 'stopConsumer', handle: 'c1' },
  { kind: 'createTopic', topic: 'orders', partitions: 3, replicationFactor: 3 },
  { kind: 'addPartitions', topic: 'orders', totalPartitions: 4 },
  { kind: 'killBroker', brokerId: 1 },
  { kind: 'restartBroker', brokerId: 1 },
];
const req = (action: RealAction, confirmed = false): RealActionRequest => ({ action, confirmed });
const by = (kind: RealAction['kind']) => ALL.find((a) => a.kind === kind) as RealAction;

describe('which actions the bridge runs on which cluster', () => {
  it('runs everything on the project’s own cluster when started with --allow-admin', () => {
    for (const a of ALL) expect(refusal(req(a), { origin: 'local', allowAdmin: true })).toBeNull();
  });

  it('refuses adding partitions, kill and restart without --allow-admin, even on the project’s own cluster', () => {
    const refused = ALL.filter(
      (a) => refusal(req(a), { origin: 'local', allowAdmin: false }) === 'ADMIN_DISABLED',
    );
    expect(refused.map((a) => a.kind)).toEqual(['addPartitions', 'killBroker', 'restartBroker']);
  });

  it('asks for confirmation of every action on a named cluster, and runs it once confirmed', () => {
    for (const kind of [
      'produce',
      'startConsumer',
      'stopConsumer',
      'createTopic',
      'addPartitions',
    ] as const) {
      expect(refusal(req(by(kind)), { origin: 'named', allowAdmin: true })).toBe('NEEDS_CONFIRMATION');
      expect(refusal(req(by(kind), true), { origin: 'named', allowAdmin: true })).toBeNull();
    }
  });

  it('never kills or restarts a broker of a named cluster, confirmed or not, admin or not', () => {
    for (const kind of ['killBroker', 'restartBroker'] as const)
      for (const allowAdmin of [true, false])
        for (const confirmed of [true, false])
          expect(refusal(req(by(kind), confirmed), { origin: 'named', allowAdmin })).toBe('NOT_LOCAL');
  });

  it('says ADMIN_DISABLED, not NEEDS_CONFIRMATION, when no confirmation could make the action run', () => {
    expect(refusal(req(by('addPartitions')), { origin: 'named', allowAdmin: false })).toBe('ADMIN_DISABLED');
  });
});

describe('parsing a request from the page', () => {
  it('accepts each well-formed action as it is', () => {
    for (const a of ALL)
      expect(parseActionRequest({ action: a })).toEqual({ request: { action: a, confirmed: false } });
  });

  it('rejects topic names Kafka would refuse, unknown kinds and bad numbers', () => {
    const bad = [
      { action: { kind: 'produce', topic: 'a b', key: null, value: 'v' } },
      { action: { kind: 'produce', topic: '..', key: null, value: 'v' } },
      { action: { kind: 'createTopic', topic: 't', partitions: 0, replicationFactor: 1 } },
      { action: { kind: 'addPartitions', topic: 't', totalPartitions: 1.5 } },
      { action: { kind: 'killBroker', brokerId: '1' } },
      { action: { kind: 'dropDatabase' } },
      { action: { kind: 'produce', topic: 't', key: null, value: 'v' }, confirmed: 'yes' },
      null,
    ];
    for (const b of bad) expect(parseActionRequest(b)).toHaveProperty('error');
  });

  it('drops any field beyond the action’s own, so a request cannot name a host for the bridge', () => {
    const parsed = parseActionRequest({
      action: { kind: 'produce', topic: 't', key: null, value: 'v', bootstrap: 'evil:9092' },
      bootstrap: 'evil:9092',
    });
    expect(parsed).toEqual({
      request: { action: { kind: 'produce', topic: 't', key: null, value: 'v' }, confirmed: false },
    });
  });
});
