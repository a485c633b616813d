/** What the log cleaner did, for the views and the golden traces. */
import type { BrokerId } from '../core/types';

export type CompactionEvent = {
  type: 'logCleaned';
  topic: string;
  partition: number;
  broker: BrokerId;
  /** The dirty part cleaned: [firstDirtyOffset, cleanedTo). */
  firstDirtyOffset: number;
  cleanedTo: number;
  /** The dirty ratio that made the cleaner pick the log (percent, rounded). */
  dirtyPercent: number;
  removedOffsets: number[];
  tombstonesRemoved: number[];
  tombstonesMarked: { offset: number; deleteHorizonMs: number }[];
};
