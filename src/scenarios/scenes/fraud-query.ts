/**
 * Slides 56-62: the talk's fraud query, built clause by clause and run inside the simulation. The query is
 * deployed before the first attempt arrives; each step lets five more minutes of traffic flow and shows one
 * more clause of it. The slide writes CREATE STREAM ... GROUP BY, which ksqlDB rejects: the engine runs it as
 * the TABLE it really is and says so (a teaching warning), and the stage shows that note.
 */
import type { EngineState } from '../../engine';
import {
  at,
  attempt,
  attemptsBetween,
  authorizationInput,
  FRAUD_QUERY_ID,
  fraudRows,
  OUTPUT_TOPIC,
  QUERY_SETTLE_MS,
  SLIDE_QUERY,
  SOURCE_DDL,
  SOURCE_TOPIC,
  script,
  setupStream,
  TABLE_QUERY,
} from '../fraud-stream';
import { realKsqlSequence } from '../real-commands';
import type { Claim, Scene } from '../types';

const SEED = 1330;
/** Six attempts within three minutes, three on each side of 12:05: the predict step's card. */
const STRADDLER = '3782-8224-6310-0005';
const straddle = [
  at(12, 3, 40),
  at(12, 4, 5),
  at(12, 4, 40),
  at(12, 5, 10),
  at(12, 5, 45),
  at(12, 6, 20),
].map((ts) => attempt(ts, STRADDLER, 1.5, 'Streamly'));
const { records, fraudCards } = authorizationInput(SEED, straddle);
const [HAMMERED_EARLY, HAMMERED_LATE] = fraudCards as [string, string];

const HOPPING_QUERY = TABLE_QUERY.replace(
  'WINDOW TUMBLING (SIZE 5 MINUTE)',
  'WINDOW HOPPING (SIZE 5 MINUTES, ADVANCE BY 1 MINUTE)',
);

const rowsOf = (s: EngineState, card: string, windowStart: number) =>
  fraudRows(s, true)
    .filter((r) => r.card === card && r.windowStart === windowStart)
    .map((r) => r.count);

const flagged = (card: string, windowStart: number, counts: number[], label: string): Claim => ({
  text: `${label}: card ${card} is in ${OUTPUT_TOPIC} with counts ${counts.join(', ')}`,
  holds: (s) => JSON.stringify(rowsOf(s, card, windowStart)) === JSON.stringify(counts),
});

const processedUpTo = (ms: number): Claim => ({
  text: `the query has read every attempt before ${new Date(ms).toISOString().slice(11, 16)}`,
  holds: (s) => {
    const q = s.ksql.queries[FRAUD_QUERY_ID];
    return q !== undefined && q.processed === records.filter((r) => r.ts < ms).length;
  },
});

export const fraudQuery: Scene = {
  id: 'fraud-query',
  title: 'The fraud query, clause by clause',
  slides: [56, 57, 58, 59, 60, 61, 62],
  seed: SEED,
  setup: [...setupStream(), { type: 'runQuery', query: FRAUD_QUERY_ID, script: script(SLIDE_QUERY) }],
  steps: [
    {
      title: 'FROM authorization_attempts',
      narration:
        'Card terminals send every authorization attempt to a topic. FROM reads it as a stream: one dot per attempt, in time order.',
      notes:
        'The query is already deployed; it polls the topic like any consumer and sees each record once it is committed (below the high watermark). Times are 12:00 onwards, UTC.',
      commands: attemptsBetween(records, at(12, 0), at(12, 5)),
      claims: [processedUpTo(at(12, 5))],
    },
    {
      title: 'WINDOW TUMBLING (SIZE 5 MINUTE)',
      narration:
        'A tumbling window cuts time into 5-minute buckets that never overlap: 12:00, 12:05, 12:10… Each attempt falls into exactly one.',
      notes:
        'Windows are aligned to the epoch, not to the first record: a 5-minute window starts at a multiple of 5 minutes since 1970 (start inclusive, end exclusive).',
      commands: attemptsBetween(records, at(12, 5), at(12, 10)),
      claims: [processedUpTo(at(12, 10))],
    },
    {
      title: 'GROUP BY card_number',
      narration: 'GROUP BY splits the stream by card: one row per card number, each with its own windows.',
      notes:
        'In Kafka Streams this is a repartition by the new key, so all attempts of a card meet in one task. Watch the card that starts hammering at 12:11.',
      commands: attemptsBetween(records, at(12, 10), at(12, 15)),
      claims: [processedUpTo(at(12, 15))],
    },
    {
      title: 'count(*)',
      narration:
        'count(*) keeps a running count per card and window. Every attempt bumps its own window’s counter.',
      notes:
        'The counts are state: ksqlDB keeps them in a local store backed by a changelog topic, so they survive a restart.',
      commands: attemptsBetween(records, at(12, 15), at(12, 20)),
      claims: [processedUpTo(at(12, 20))],
    },
    {
      title: 'HAVING count(*) > 3',
      narration:
        'HAVING keeps only the rows above the line: more than 3 attempts by one card in one window. A second card crosses it now.',
      notes:
        'With EMIT CHANGES, every update that passes HAVING is a row: counts 4, 5, 6 for the card hammered at 12:11. The count only grows, so no row is ever retracted.',
      commands: attemptsBetween(records, at(12, 20), at(12, 25)),
      claims: [
        flagged(HAMMERED_EARLY, at(12, 10), [4, 5, 6], 'window [12:10,12:15)'),
        flagged(HAMMERED_LATE, at(12, 20), [4], 'window [12:20,12:25)'),
      ],
    },
    {
      title: 'CREATE … AS: the output topic',
      narration:
        'CREATE … AS runs the query for good and writes its rows to a topic, POSSIBLE_FRAUD, that any consumer can read.',
      notes:
        'The slide says CREATE STREAM. ksqlDB rejects that: “Your SELECT query produces a TABLE. Please use CREATE TABLE AS SELECT”. An aggregation is a table, keyed by card and window; the stage runs it as the TABLE it is and shows the warning. Its key is in ksqlDB 0.29’s default KEY_FORMAT, KAFKA, not JSON: the card number’s bytes with the window start appended as an 8-byte long (the stage keeps the window beside the key). kafka-console-consumer --property print.key=true prints the card followed by unreadable bytes; SELECT shows CARD_NUMBER, WINDOWSTART and WINDOWEND as columns.',
      commands: [{ type: 'advance', ms: QUERY_SETTLE_MS }],
      claims: [
        {
          text: `only the two hammered cards are in ${OUTPUT_TOPIC}`,
          holds: (s) =>
            JSON.stringify([...new Set(fraudRows(s).map((r) => r.card))].sort()) ===
            JSON.stringify([HAMMERED_EARLY, HAMMERED_LATE].sort()),
        },
        {
          text: 'the engine ran the slide’s CREATE STREAM as a TABLE and said so',
          holds: (s) => s.ksql.queries[FRAUD_QUERY_ID]?.warnings.some((w) => w.includes('TABLE')) === true,
        },
      ],
    },
    {
      title: 'Six attempts across 12:05',
      narration: `Card ${STRADDLER.slice(-4)} tried 6 times within 3 minutes, from 12:03 to 12:06. Is it flagged?`,
      notes: 'Let the room answer. Many expect yes: 6 attempts in 3 minutes is well over 3 in 5 minutes.',
      predict: `A card hit 6 times within 3 minutes across 12:05: flagged?`,
      commands: [],
    },
    {
      title: 'Not flagged: windows are fixed',
      narration:
        'No. Tumbling windows are fixed to the clock: 3 attempts fell before 12:05 and 3 after, so no window counts more than 3.',
      notes:
        'Try it in the editor: change the threshold, the window size, or the window type, and press Run. The query reruns from the start of the topic.',
      commands: [],
      claims: [
        {
          text: `card ${STRADDLER} is not in ${OUTPUT_TOPIC}`,
          holds: (s) => !fraudRows(s).some((r) => r.card === STRADDLER),
        },
      ],
    },
    {
      title: 'A hopping window catches it',
      narration:
        'Rerun with hopping windows, 5 minutes long, one starting every minute: the burst fits in one, so the card is flagged. So is every other card: each has some 5 minutes with 4 attempts.',
      notes:
        'Overlapping windows see more, and flag more: each attempt now counts in 5 windows. Window and threshold are tuned together (try HAVING count(*) > 5 in the editor).',
      commands: [
        { type: 'runQuery', query: FRAUD_QUERY_ID, script: script(HOPPING_QUERY) },
        { type: 'advance', ms: QUERY_SETTLE_MS },
      ],
      claims: [
        {
          text: `card ${STRADDLER} is in ${OUTPUT_TOPIC} for the hopping window [12:02,12:07) with count 6`,
          holds: (s) => rowsOf(s, STRADDLER, at(12, 2)).includes(6),
        },
        {
          text: 'with hopping windows and the same threshold, every card is flagged somewhere',
          holds: (s) =>
            new Set(fraudRows(s, true).map((r) => r.card)).size === new Set(records.map((r) => r.key)).size,
        },
      ],
    },
  ],
  view: {
    kind: 'stream',
    source: SOURCE_TOPIC,
    output: OUTPUT_TOPIC,
    query: FRAUD_QUERY_ID,
    preamble: SOURCE_DDL,
    clauses: [1, 2, 3, 4, 5, 6, 6, 6, 6],
    editableFrom: 5,
    spanMs: [at(12, 0), at(12, 30)],
    cardRows: 7,
    focus: [
      null,
      null,
      null,
      null,
      { card: HAMMERED_LATE, windowStart: at(12, 20) },
      { card: HAMMERED_EARLY, windowStart: at(12, 10) },
      { card: STRADDLER, question: true },
      { card: STRADDLER, edgeMs: at(12, 5) },
      { card: STRADDLER, windowStart: at(12, 2) },
    ],
  },
  realCommands: [
    ...realKsqlSequence(
      'CREATE TABLE possible_fraud AS\n  SELECT card_number, count(*)\n  FROM authorization_attempts\n  WINDOW TUMBLING (SIZE 5 MINUTE)\n  GROUP BY card_number\n  HAVING count(*) > 3\n  EMIT CHANGES;',
      'possible_fraud',
    ),
  ],
};
