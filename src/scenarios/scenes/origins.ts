/** Slide 50: where stream processing came from, as three layers with events flowing through them. */

import { realKsqlSequence } from '../real-commands';
import type { Scene } from '../types';

export const origins: Scene = {
  id: 'origins',
  title: 'Origins in stream processing',
  slides: [50],
  seed: 50,
  setup: [],
  steps: [
    {
      title: 'An event streaming platform',
      narration:
        'It starts with a high-throughput event streaming platform: Kafka, the log every event lands in.',
      notes: 'Everything so far — partitions, groups, replication — is this first box.',
      commands: [],
    },
    {
      title: 'Continuous computation',
      narration:
        'Apps compute continuously over the events as they arrive: Java apps with Kafka Streams, or ksqlDB.',
      notes:
        'API-based clustering: the apps scale out the same way consumer groups do, because that is what they use underneath.',
      commands: [],
    },
    {
      title: 'A serving layer',
      narration:
        'Results flow on to a serving layer — microservices, Elastic — that answers questions in real time.',
      notes: 'The point of the slide: processing moves from nightly batches into the flow itself.',
      commands: [],
    },
  ],
  view: { kind: 'diagram', diagram: 'origins' },
  realCommands: [
    '# A pipeline: a stream over a topic, a continuous query, and a consumer that serves the results',
    ...realKsqlSequence(
      'CREATE TABLE possible_fraud AS SELECT card_number, COUNT(*) FROM authorization_attempts\n  WINDOW TUMBLING (SIZE 5 MINUTES) GROUP BY card_number HAVING COUNT(*) > 3;',
      'possible_fraud',
    ),
    'bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic POSSIBLE_FRAUD --from-beginning',
  ],
};
