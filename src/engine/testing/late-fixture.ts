/**
 * Test fixture: a fraud query whose event time is in the record's value (TIMESTAMP='ts'), so a record can
 * arrive after its window closed. GRACE PERIOD 0: [12:20, 12:25) closes once stream time reaches 12:25, so
 * attempts at 12:21, 12:31 and then 12:22 make the third one late. Shared by the runtime's tests and the
 * stream view's.
 */
import type { Command } from '../core/commands';

export const MINUTE = 60_000;
/** 12:00 UTC on the simulator's day 0: a round 5-minute boundary. */
export const NOON = 12 * 60 * MINUTE;
export const LATE_TOPIC = 'authorization_attempts';

export const LATE_SCRIPT = `CREATE STREAM a (card_number VARCHAR, ts BIGINT)
  WITH (KAFKA_TOPIC='${LATE_TOPIC}', VALUE_FORMAT='JSON', TIMESTAMP='ts');
CREATE TABLE possible_fraud AS SELECT card_number, count(*) FROM a
  WINDOW TUMBLING (SIZE 5 MINUTES, GRACE PERIOD 0 SECONDS) GROUP BY card_number;`;

/** An attempt by `card` with event time 12:00 + `minutes`, produced by 'terminal' to partition 0. */
export const attemptAt = (card: string, minutes: number): Command => ({
  type: 'produce',
  producer: 'terminal',
  topic: LATE_TOPIC,
  partition: 0,
  key: card,
  value: JSON.stringify({ card_number: card, ts: NOON + minutes * MINUTE }),
});
