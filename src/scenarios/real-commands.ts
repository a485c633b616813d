/**
 * Pieces of the scenes' "run it for real" commands that several scenes share: the notes a learner needs
 * once (script names, a deprecated flag) and the ksqlDB sequence that runs as written on a fresh ksqlDB 0.29.
 */

/** Commands use the Apache distribution's scripts (bin/*.sh); the note says so once per scene that starts a list. */
export const SCRIPT_NAMES_NOTE =
  "# Apache Kafka's scripts, run from the distribution's folder; Confluent's packages name them without .sh (kafka-topics)";

/**
 * Kafka 4.2 renames the console tools' --property, and their --producer-property / --consumer-property
 * (--command-property, KIP-1147); the old flags still work, with a warning. Before 4.2 only the old ones exist.
 */
export const PROPERTY_FLAG_NOTE =
  '# Kafka 4.2 deprecates --property (the producer takes --reader-property, the consumer --formatter-property) and --producer-property / --consumer-property (both --command-property); the old flags still work, with a warning';

/**
 * The source stream as a fresh ksqlDB creates it: without PARTITIONS the statement fails when the topic
 * does not exist yet. (The simulator's own preamble, SOURCE_DDL, runs on a cluster whose topic exists.)
 */
export const REAL_SOURCE_DDL = `CREATE STREAM authorization_attempts (card_number VARCHAR, amount DOUBLE, merchant VARCHAR)
  WITH (KAFKA_TOPIC='authorization_attempts', VALUE_FORMAT='JSON', PARTITIONS=4);`;

/** Five attempts on one card in a few seconds: more than three in one 5-minute window. */
const ATTEMPTS = [9.99, 14.5, 3.2, 120.0, 75.25]
  .map(
    (amount, i) =>
      `INSERT INTO authorization_attempts (card_number, amount, merchant) VALUES ('4000-0012', ${amount.toFixed(2)}, 'kiosk-${i + 1}');`,
  )
  .join('\n');

/**
 * The whole sequence for the ksqlDB CLI: read from the beginning, declare the stream (creating its topic),
 * produce attempts, run the query, and show its rows (LIMIT ends the push query once a row is out).
 */
export function realKsqlSequence(query: string, table: string): string[] {
  return [
    "-- ksqlDB 0.29 CLI. Read topics from their beginning:\nSET 'auto.offset.reset' = 'earliest';",
    REAL_SOURCE_DDL,
    `-- some attempts, typed within one 5-minute window:\n${ATTEMPTS}`,
    query,
    `SELECT * FROM ${table} EMIT CHANGES LIMIT 1;`,
  ];
}
