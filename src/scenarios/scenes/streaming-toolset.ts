/**
 * Slides 51-53: "Streaming is the toolset for working with events as they move". The fraud query runs from
 * the start; authorization attempts flow in, possible fraud flows out, while the events are still moving.
 */
import {
  at,
  attemptsBetween,
  authorizationInput,
  FRAUD_QUERY_ID,
  fraudRows,
  OUTPUT_TOPIC,
  SOURCE_TOPIC,
  script,
  setupStream,
  TABLE_QUERY,
} from '../fraud-stream';
import { PROPERTY_FLAG_NOTE, realKsqlSequence } from '../real-commands';
import type { Scene } from '../types';

const SEED = 1330;
const { records, fraudCards } = authorizationInput(SEED);

export const streamingToolset: Scene = {
  id: 'streaming-toolset',
  title: 'Events as they move',
  slides: [51, 52, 53],
  seed: SEED,
  setup: [...setupStream(), { type: 'runQuery', query: FRAUD_QUERY_ID, script: script(TABLE_QUERY) }],
  steps: [
    {
      title: 'Authorization attempts flow in',
      narration:
        'Every card swipe is an event: an authorization attempt, sent to a topic the moment it happens.',
      notes:
        'Stream processing works on events while they move, not on a table someone loads tonight. The query box is the one we build clause by clause in a few minutes.',
      commands: attemptsBetween(records, at(12, 0), at(12, 10)),
      claims: [
        {
          text: 'the query has read every attempt so far',
          holds: (s) =>
            s.ksql.queries[FRAUD_QUERY_ID]?.processed === records.filter((r) => r.ts < at(12, 10)).length,
        },
      ],
    },
    {
      title: 'Possible fraud flows out',
      narration:
        'One card is hammered: six attempts in a minute. Seconds later a row about it appears in POSSIBLE_FRAUD.',
      notes:
        'The output is another topic: alerting, blocking the card or a dashboard consume it, each at its own pace.',
      commands: attemptsBetween(records, at(12, 10), at(12, 15)),
      claims: [
        {
          text: `card ${fraudCards[0]} is in ${OUTPUT_TOPIC}`,
          holds: (s) => fraudRows(s).some((r) => r.card === fraudCards[0]),
        },
      ],
    },
    {
      title: 'It never stops',
      narration:
        'The query keeps running: new attempts keep coming in, and each new alert goes out as soon as the data says so.',
      notes:
        'No batch, no schedule: the answer updates with every event. That is the toolset for events as they move.',
      commands: attemptsBetween(records, at(12, 15), at(12, 25)),
      claims: [
        {
          text: `both hammered cards are in ${OUTPUT_TOPIC}, and nothing else`,
          holds: (s) =>
            JSON.stringify([...new Set(fraudRows(s).map((r) => r.card))].sort()) ===
            JSON.stringify([...fraudCards].sort()),
        },
      ],
    },
  ],
  view: {
    kind: 'diagram',
    diagram: 'stream-pipeline',
    source: SOURCE_TOPIC,
    query: FRAUD_QUERY_ID,
    output: OUTPUT_TOPIC,
  },
  realCommands: [
    ...realKsqlSequence(
      'CREATE TABLE possible_fraud AS\n  SELECT card_number, count(*)\n  FROM authorization_attempts\n  WINDOW TUMBLING (SIZE 5 MINUTE)\n  GROUP BY card_number\n  HAVING count(*) > 3\n  EMIT CHANGES;',
      'possible_fraud',
    ),
    '# the key is KEY_FORMAT KAFKA: the card number, then the window start as 8 binary bytes\nbin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic POSSIBLE_FRAUD --from-beginning \\\n  --property print.key=true',
    PROPERTY_FLAG_NOTE,
  ],
};
