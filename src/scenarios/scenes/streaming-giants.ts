/** Slide 55: standing on the shoulders of streaming giants — each layer powered by the one below. */
import type { Scene } from '../types';

export const streamingGiants: Scene = {
  id: 'streaming-giants',
  title: 'Standing on the shoulders of streaming giants',
  slides: [55],
  seed: 55,
  setup: [],
  steps: [
    {
      title: 'Producer and Consumer APIs',
      narration:
        'At the bottom: the producer and consumer APIs. Total flexibility, and you write everything yourself.',
      notes: 'State, windows, failure handling, rebalances: all yours.',
      commands: [],
    },
    {
      title: 'Kafka Streams',
      narration: 'Kafka Streams is built on them: windows, joins and state, as a Java library.',
      notes:
        'Powered by the producer and consumer: a Streams app is a consumer group with local state stores.',
      commands: [],
    },
    {
      title: 'ksqlDB',
      narration: 'ksqlDB is built on Kafka Streams: the same power, written as SQL.',
      notes: 'Easier to use, less flexible: you get what SQL can say.',
      commands: [],
    },
    {
      title: 'ksqlDB UDFs',
      narration: 'And when SQL is not enough, your own functions plug into ksqlDB as UDFs.',
      notes: 'User-defined functions, aggregates and table functions, written in Java.',
      commands: [],
    },
  ],
  view: { kind: 'diagram', diagram: 'streaming-giants' },
  realCommands: ['ksql> SHOW FUNCTIONS;', 'ksql> DESCRIBE FUNCTION COUNT;'],
};
