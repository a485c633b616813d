/**
 * One copy of a record in a broker's replica lane, as the simulated and the real brokers pictures draw it:
 * the record's box coloured by how many copies of it exist, value and offset each in its half of the box.
 */
import type { BrokerId } from '../../../engine';
import { RecordBox, type RecordBoxProps } from '../RecordBox';
import { COPIES_COLOUR, copiesClass } from './copies';

interface ReplicaRecordProps {
  readonly record: RecordBoxProps['record'];
  readonly partition: number;
  readonly box: RecordBoxProps['box'];
  /** This lane is the partition's leader. */
  readonly leader: boolean;
  readonly broker: { readonly id: BrokerId; readonly name: string };
  /** How many replicas hold the record, of how many the partition has. */
  readonly copies: number;
  readonly replicationFactor: number;
  /** More data attributes a view's tests read (what the step changed). */
  readonly data?: Readonly<Record<`data-${string}`, string>>;
}

export function ReplicaRecord({
  record,
  partition,
  box,
  leader,
  broker,
  copies,
  replicationFactor,
  data,
}: ReplicaRecordProps) {
  return (
    <RecordBox
      record={record}
      partition={partition}
      box={box}
      label={record.value}
      charWidth={13}
      // Value and offset apart, each in its half of the box, so they never touch.
      labelY={box.y + box.height * 0.31}
      offsetY={box.y + box.height * 0.77}
      // The leader's copy is the record of the deck-wide contract; a follower's is a replica of it.
      testId={leader ? 'record' : 'replica-record'}
      broker={broker}
      fill={COPIES_COLOUR[copiesClass(copies, replicationFactor)]}
      data={{ 'data-box': 'record', 'data-copies': String(copies), ...data }}
    />
  );
}
