/**
 * The talk's diagrams as data (slides 50, 54, 55, 64-66), so a view can draw them with d3 and reveal them
 * one step at a time. Positions are in the diagrams' own units, not pixels.
 */

/** Slide 54: who writes stream processing, by how many of them there are and how much code they write. */
export const WHO_STREAMS = [
  {
    label: 'Core developers who use Java/Scala',
    sophistication: 0.92,
    population: 0.2,
    tool: 'Kafka Streams',
  },
  {
    label: 'Core developers who don’t use Java/Scala',
    sophistication: 0.68,
    population: 0.45,
    tool: 'ksqlDB',
  },
  { label: 'Data engineers, architects, DevOps/SRE', sophistication: 0.45, population: 0.62, tool: 'ksqlDB' },
  { label: 'BI analysts', sophistication: 0.2, population: 0.88, tool: 'ksqlDB' },
] as const;

/**
 * Slide 55: three layers, each powered by the one below; ease of use grows upwards, flexibility downwards.
 * UDFs are not a fourth, easier layer: they plug Java into ksqlDB, buying back flexibility at its level.
 */
export const GIANTS = [
  { label: 'Producer and Consumer APIs', detail: 'any language; you write loop, state, failures' },
  { label: 'Kafka Streams', detail: 'a Java library: windows, joins, state stores' },
  { label: 'ksqlDB', detail: 'CREATE TABLE … AS SELECT … EMIT CHANGES' },
] as const;

export const UDFS = {
  label: 'ksqlDB UDFs',
  detail: ['your own Java functions,', 'called from SQL'],
} as const;

/**
 * Slide 50: where stream processing came from, bottom to top: events land in a high-throughput streaming
 * platform, apps compute over them continuously, a serving layer answers with the results. One layer a step;
 * `added` is what the step calls out.
 */
export const ORIGINS = [
  {
    label: 'Event streaming platform',
    detail: 'high-throughput: Kafka, the log',
    added: ['New: events land', 'in Kafka’s log'],
  },
  {
    label: 'Continuous computation',
    detail: 'Java apps with Kafka Streams, or ksqlDB',
    added: ['New: apps compute', 'as events arrive'],
  },
  {
    label: 'Serving layer',
    detail: 'microservices, Elastic, etc.',
    added: ['New: results served', 'as they change'],
  },
] as const;

/** What produces the events at the bottom of slide 50's picture (the slide leaves them implicit). */
export const EVENT_SOURCES = ['card swipes', 'clicks', 'orders', 'sensors'] as const;

/**
 * Slide 64: one idea of the talk per scene, each drawn small and linking to the scene that shows it. The
 * picture names which of RecapPictures draws it.
 */
export const RECAP = [
  { scene: 'produce-with-key', picture: 'keys', caption: 'Keys pick partitions' },
  { scene: 'consume-groups', picture: 'groups', caption: 'Groups read separately' },
  { scene: 'grouped-consumers', picture: 'rebalance', caption: 'Rebalance on failure' },
  { scene: 'replication', picture: 'replication', caption: 'Copies survive a crash' },
  { scene: 'durable-log', picture: 'log', caption: 'Replay the log' },
  { scene: 'fraud-query', picture: 'stream', caption: 'Queries flag fraud live' },
] as const;

export type RecapPicture = (typeof RECAP)[number]['picture'];

/** Slides 65-66, as text: the deck makes no requests. */
export const RESOURCES = [
  { title: 'Confluent Developer: learn Kafka, start building', where: 'developer.confluent.io' },
  { title: 'Designing Event-Driven Systems', where: 'Ben Stopford' },
  { title: 'Kafka: The Definitive Guide', where: 'Neha Narkhede, Gwen Shapira, Todd Palino' },
  { title: 'Making Sense of Stream Processing', where: 'Martin Kleppmann' },
  { title: 'I ❤ Logs', where: 'Jay Kreps' },
] as const;
