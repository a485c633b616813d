import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultSandbox, formatSandboxConfig, parseSandboxConfig } from './sandbox-config';

describe('sandbox links', () => {
  it('round-trips a configuration through the URL form', () => {
    const config = {
      ...defaultSandbox,
      brokers: 5,
      partitions: 12,
      replicationFactor: 3,
      minInsyncReplicas: 2,
    };
    expect(parseSandboxConfig(formatSandboxConfig(config))).toEqual({ config, problems: [] });
  });

  it('opens the default sandbox with a clear message when the link is not JSON', () => {
    const { config, problems } = parseSandboxConfig('{brokers: 3');
    expect(config).toEqual(defaultSandbox);
    expect(problems).toEqual(['The sandbox link is not valid JSON; opening the default sandbox.']);
  });

  it('keeps the good values and names each bad one', () => {
    const { config, problems } = parseSandboxConfig(
      '{"brokers": 99, "partitions": 8, "replicationFactor": 2, "producers": [{"acks": "some"}]}',
    );
    expect(config.brokers).toBe(3);
    expect(config.partitions).toBe(8);
    expect(config.producers[0]!.acks).toBe('all');
    expect(problems).toEqual([
      'brokers must be a whole number from 1 to 12; using 3.',
      'producers[0].acks must be one of 0, 1, all; using all.',
    ]);
  });

  it('never throws and always gives a usable configuration, whatever the link says', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const { config } = parseSandboxConfig(text);
        expect(config.replicationFactor).toBeLessThanOrEqual(config.brokers);
        expect(config.minInsyncReplicas).toBeLessThanOrEqual(config.replicationFactor);
        expect(config.partitions).toBeGreaterThanOrEqual(1);
      }),
    );
  });
});
