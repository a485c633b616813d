/**
 * kafkajs's Java-compatible murmur2 (its DefaultPartitioner's hash since 2.0.0), a 64-bit Long port of the
 * Java client's Utils.murmur2. Used only by tests and benches as an independent implementation; the engine
 * never imports kafkajs.
 */
declare module 'kafkajs/src/producer/partitioners/default/murmur2.js' {
  const murmur2: (key: string | Uint8Array | number) => number;
  export default murmur2;
}
