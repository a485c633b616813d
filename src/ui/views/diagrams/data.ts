/**
 * The talk's diagrams as data (slides 50, 54, 55, 64-66), so a view can draw them with d3 and reveal them
 * one step at a time. Positions are in the diagrams' own units, not pixels.
 */

/** Slide 54: who writes stream processing, by how many of them there are and how much code they write. */
export const WHO_STREAMS = [
  {
    label: 'Core developers who use Java/Scala',
    sophistication: 0.92,
    population: 0.18,
    tool: 'Kafka Streams',
  },
  {
    label: 'Core developers who don’t use Java/Scala',
    sophistication: 0.68,
    population: 0.38,
    tool: 'ksqlDB',
  },
  { label: 'Data engineers, architects, DevOps/SRE', sophistication: 0.45, population: 0.62, tool: 'ksqlDB' },
  { label: 'BI analysts', sophistication: 0.2, population: 0.88, tool: 'ksqlDB' },
] as const;

/** Slide 55: each layer is powered by the one below; ease of use grows upwards, flexibility downwards. */
export const GIANTS = [
  {
    label: 'Producer and Consumer APIs',
    detail: 'any language; you write the loop, the state, the failure handling',
  },
  {
    label: 'Kafka Streams',
    detail: 'a Java library: windows, joins, state stores, exactly-once',
    poweredBy: 'Producer and Consumer APIs',
  },
  {
    label: 'ksqlDB',
    detail: 'SQL over streams: CREATE TABLE … AS SELECT … EMIT CHANGES',
    poweredBy: 'Kafka Streams',
  },
  { label: 'ksqlDB UDFs', detail: 'your own Java functions, called from SQL', poweredBy: 'ksqlDB' },
] as const;

/** Slide 50: where stream processing came from: three layers with data flowing left to right. */
export const ORIGINS = [
  { label: 'Event streaming', detail: 'a high-throughput platform: the log every event lands in' },
  {
    label: 'Continuous computation',
    detail: 'Java apps with Kafka Streams, or ksqlDB, with API-based clustering',
  },
  { label: 'Serving layer', detail: 'microservices, Elastic and friends answer the questions' },
] as const;

/** Slides 64-66: what the deck showed, and where to learn more (as text: the deck makes no requests). */
export const RECAP = [
  'Keys pick partitions: toPositive(murmur2(key)) % numPartitions, and order holds per key.',
  'Consumer groups split partitions; each group keeps its own offsets and reads in isolation.',
  'A failed consumer’s partitions move after the session timeout; uncommitted records are read again.',
  'Replication with acks=all and min.insync.replicas=2 keeps acknowledged records through a failure.',
  'The log keeps what a queue deletes: a new group can replay from the beginning.',
  'ksqlDB turns a windowed GROUP BY into a table that flags possible fraud as it happens.',
] as const;

export const RESOURCES = [
  { title: 'Confluent Developer: learn Kafka, start building', where: 'developer.confluent.io' },
  { title: 'Designing Event-Driven Systems', where: 'Ben Stopford' },
  { title: 'Kafka: The Definitive Guide', where: 'Neha Narkhede, Gwen Shapira, Todd Palino' },
  { title: 'Making Sense of Stream Processing', where: 'Martin Kleppmann' },
  { title: 'I ❤ Logs', where: 'Jay Kreps' },
] as const;
