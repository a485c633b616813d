/**
 * The key a persistent query writes to its sink topic. ksqlDB 0.29 writes keys in the KAFKA format by
 * default (ksql.persistence.default.format.key=KAFKA): a single key column, serialized on its own - a
 * VARCHAR as its UTF-8 bytes, no JSON around it. A windowed key (TUMBLING, HOPPING) is those bytes with the
 * window start appended as an 8-byte big-endian long (Kafka Streams' TimeWindowedSerializer); a session
 * key appends window end and start. The simulator's record keys are strings, so it writes the column's
 * bytes as the key and carries the window in the windowStart/windowEnd headers; partitioning therefore
 * hashes the key column alone, as WindowedStreamPartitioner does with the inner key.
 */

/** The record key for a row's key columns: null without one, the column's text for one. */
export function sinkKey(key: Readonly<Record<string, unknown>>): string | null {
  const values = Object.values(key);
  if (values.length === 0) return null;
  if (values.length === 1) {
    const v = values[0];
    return v === null || v === undefined ? null : String(v);
  }
  // Several key columns need KEY_FORMAT='JSON' (KAFKA holds one field); the simulator writes them as JSON.
  return JSON.stringify(key);
}

/** What a key printed by kafka-console-consumer (print.key=true) reads as, without the window bytes. */
export function sinkKeyText(recordKey: string | null): string {
  if (recordKey === null) return '—';
  if (!recordKey.startsWith('{')) return recordKey;
  try {
    return Object.values(JSON.parse(recordKey) as Record<string, unknown>)
      .map(String)
      .join(', ');
  } catch {
    return recordKey;
  }
}
