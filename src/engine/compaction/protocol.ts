/** The log cleaner's wire: no messages, one timer, the cleaner thread's next pass. See core/protocol.ts. */
import type { TimerOf } from '../core/protocol';

export interface CompactionTimerPayloads {
  /** The cleaner threads look for dirty logs again (LogCleaner.CleanerThread, log.cleaner.backoff.ms). */
  readonly logCleanerCheck: Record<string, never>;
}

export type CompactionTimer = TimerOf<CompactionTimerPayloads>;
