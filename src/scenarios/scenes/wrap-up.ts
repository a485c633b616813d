/** Slides 64-66: what the deck showed, and where to learn more. */
import type { Scene } from '../types';

export const wrapUp: Scene = {
  id: 'wrap-up',
  title: 'Wrap up',
  slides: [64, 65, 66],
  seed: 64,
  setup: [],
  steps: [
    {
      title: 'What we saw',
      narration:
        'Partitions, keys, groups, replication, the log and stream processing: all of it ran live in this simulator.',
      notes: 'Invite the room to open the sandbox scene afterwards: every knob is there.',
      commands: [],
    },
    {
      title: 'Learn more',
      narration:
        'Confluent Developer has courses to start building with Kafka, and four free books go deeper.',
      notes:
        'developer.confluent.io; the book bundle: Designing Event-Driven Systems, Kafka: The Definitive Guide, Making Sense of Stream Processing, I ❤ Logs.',
      commands: [],
    },
  ],
  view: { kind: 'diagram', diagram: 'wrap-up' },
  realCommands: [
    '# Start a local broker (Kafka 4.x, KRaft mode):',
    'bin/kafka-storage.sh format --standalone -t "$(bin/kafka-storage.sh random-uuid)" -c config/server.properties',
    'bin/kafka-server-start.sh config/server.properties',
  ],
};
