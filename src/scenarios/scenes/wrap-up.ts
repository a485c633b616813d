/** Slides 64-66: what the deck showed, and where to learn more. */
import type { Scene } from '../types';

/**
 * The replication commands create topics with replication factor 3, which fails on one broker
 * (INVALID_REPLICATION_FACTOR), so the local setup is three nodes, each broker and KRaft controller, with a
 * static quorum of the three. Node i listens on 9090+2i (clients; node 1 keeps 9092) and 9091+2i (controller).
 */
const NODES = [1, 2, 3] as const;
const nodeConfig = (i: number) => `config/server-${i}.properties`;
const VOTERS = NODES.map((i) => `${i}@localhost:${9091 + 2 * i}`).join(',');

const LOCAL_CLUSTER_NOTE =
  '# Three local brokers (Kafka 4.x, KRaft): replication factor 3 needs three. A config per node:';

/** From the shipped combined broker+controller config: its own id, ports and log dir, and a static quorum. */
const MAKE_NODE_CONFIGS = `for i in ${NODES.join(' ')}; do
  sed -e "s/^node.id=.*/node.id=$i/" \\
      -e "s/:9092/:$((9090+2*i))/g; s/:9093/:$((9091+2*i))/g" \\
      -e "s#^log.dirs=.*#log.dirs=/tmp/kraft-node-$i#" \\
      -e "s/^offsets.topic.replication.factor=.*/offsets.topic.replication.factor=3/" \\
      -e "/^controller.quorum.bootstrap.servers=/d" \\
      config/server.properties > config/server-$i.properties
  echo "controller.quorum.voters=${VOTERS}" \\
    >> config/server-$i.properties
done`;

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
    LOCAL_CLUSTER_NOTE,
    MAKE_NODE_CONFIGS,
    'KAFKA_CLUSTER_ID="$(bin/kafka-storage.sh random-uuid)"',
    NODES.map((i) => `bin/kafka-storage.sh format -t "$KAFKA_CLUSTER_ID" -c ${nodeConfig(i)}`).join('\n'),
    NODES.map((i) => `bin/kafka-server-start.sh -daemon ${nodeConfig(i)}`).join('\n'),
    '# all three voters should be listed:\nbin/kafka-metadata-quorum.sh --bootstrap-server localhost:9092 describe --status',
  ],
};
