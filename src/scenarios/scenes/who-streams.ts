/** Slide 54: who writes stream processing, charted: the further from Java, the more people, the more SQL. */
import type { Scene } from '../types';

export const whoStreams: Scene = {
  id: 'who-streams',
  title: 'Who does stream processing?',
  slides: [54],
  seed: 54,
  setup: [],
  steps: [
    {
      title: 'Java and Scala developers',
      narration: 'A few people write Java or Scala every day: Kafka Streams is a library made for them.',
      notes: 'Kafka Streams is just a Java library: no cluster to run beyond Kafka itself.',
      commands: [],
    },
    {
      title: 'Developers in other languages',
      narration:
        'More developers work in Python, Go or JavaScript: they want stream processing without the JVM.',
      notes: 'ksqlDB gives them the same engine through SQL and a REST API.',
      commands: [],
    },
    {
      title: 'Data engineers, architects, SREs',
      narration: 'Data engineers, architects and SREs: many more people, who mostly read and write SQL.',
      notes: 'They know GROUP BY and WHERE; ksqlDB meets them there.',
      commands: [],
    },
    {
      title: 'BI analysts',
      narration:
        'BI analysts are the largest group of all: the more people, the less code they want to write.',
      notes: 'The curve is the argument for ksqlDB: reach most of the population without asking for Java.',
      commands: [],
    },
  ],
  view: { kind: 'diagram', diagram: 'who-streams' },
  realCommands: [
    '# Kafka Streams: a Java library (org.apache.kafka:kafka-streams)',
    '# ksqlDB: SQL over streams, e.g. in the ksql CLI:',
    'ksql> SHOW STREAMS;',
  ],
};
