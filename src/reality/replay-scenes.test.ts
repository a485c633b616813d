import { describe, expect, it } from 'vitest';
import { scenes as SCENES } from '../scenarios/registry';
import { replayPlan } from './replay-scenes';

const plan = (id: string) => {
  const scene = SCENES.find((s) => s.id === id);
  if (!scene) throw new Error(`no scene ${id}`);
  return replayPlan(scene);
};

describe('which scenes a replay on the real cluster can play', () => {
  it('plays the keyed producer and the group scenes whole', () => {
    expect(plan('produce-with-key')).toEqual({ replayable: true, why: null, partial: [] });
    expect(plan('grouped-consumers')).toEqual({ replayable: true, why: null, partial: [] });
  });

  it('refuses a ksqlDB scene, saying why', () => {
    const p = plan('fraud-query');
    expect(p.replayable).toBe(false);
    expect(p.why).toMatch(/ksqlDB/);
  });

  it('names what it leaves out of a scene it plays in part', () => {
    const p = plan('replication');
    expect(p.replayable).toBe(true);
    expect(p.partial.some((s) => /only on the cluster the project started/.test(s))).toBe(true);
    // on the project's own cluster a broker is killed for real
    const own = replayPlan(SCENES.find((s) => s.id === 'replication')!, 'local');
    expect(own.partial.some((s) => /only on the cluster the project started/.test(s))).toBe(false);
  });
});

describe('the Kafka-today chapter on a real cluster', () => {
  it('names what a replay leaves out of the new protocols instead of pretending to play them', () => {
    expect(plan('share-groups').partial.some((s) => /share groups \(KIP-932\)/.test(s))).toBe(true);
    expect(plan('exactly-once').partial.some((s) => /transactions/.test(s))).toBe(true);
    expect(plan('consumer-protocol').partial.some((s) => /KIP-848/.test(s))).toBe(true);
  });
});
