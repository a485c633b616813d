/**
 * The share groups' wire: no messages travel (fetches and acknowledgements are commands), and one timer, a
 * batch's acquisition lock (AcquisitionLockTimerTask). See core/protocol.ts.
 */
import type { TimerOf } from '../core/protocol';

export interface ShareTimerPayloads {
  readonly shareLockTimeout: {
    readonly group: string;
    readonly topic: string;
    readonly partition: number;
    readonly member: string;
    readonly offsets: readonly number[];
  };
}

export type ShareTimer = TimerOf<ShareTimerPayloads>;
