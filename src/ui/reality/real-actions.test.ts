import { describe, expect, it } from 'vitest';
import { brokerControlsOffered, refusalText, resultText } from './real-actions';

describe('what the stage says when the bridge answers a live action', () => {
  it('tells the operator how to allow what the bridge refused', () => {
    expect(refusalText('ADMIN_DISABLED', '')).toMatch(/--allow-admin/);
    expect(refusalText('NOT_LOCAL', '')).toMatch(/npm run real/);
    expect(refusalText('KAFKA_ERROR', 'INVALID_PARTITIONS')).toBe('Kafka refused: INVALID_PARTITIONS');
    expect(refusalText('UNREACHABLE', 'ECONNREFUSED')).toMatch(/unreachable \(ECONNREFUSED\)/);
  });

  it("passes on the bridge's own message when it succeeded", () => {
    expect(resultText({ ok: true, message: 'produced to orders-1 at offset 4' })).toBe(
      'produced to orders-1 at offset 4',
    );
  });

  it('offers kill and restart only on the local cluster', () => {
    expect(brokerControlsOffered('local')).toBe(true);
    expect(brokerControlsOffered('named')).toBe(false);
  });
});
