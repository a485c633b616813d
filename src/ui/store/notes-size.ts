/**
 * The presenter's notes font size, a setting of the presenter's window alone (the audience never sees the
 * notes): stepped by the registry's `[` and `]` keys and kept across reloads of that window.
 */
import { createStore } from 'zustand/vanilla';

/** The sizes the notes step through, in rem (the root size grows with the window); 1.15 is the default. */
export const NOTES_SIZES_REM: readonly number[] = [0.8, 0.9, 1, 1.15, 1.3, 1.5, 1.75, 2, 2.5];
const DEFAULT_REM = 1.15;
const KEY = 'kafka-stage:notes-size-rem';

function saved(): number {
  try {
    const rem = Number(globalThis.localStorage?.getItem(KEY));
    return NOTES_SIZES_REM.includes(rem) ? rem : DEFAULT_REM;
  } catch {
    return DEFAULT_REM;
  }
}

export const notesSizeStore = createStore<{ rem: number }>(() => ({ rem: saved() }));

/** One size larger (1) or smaller (-1), within NOTES_SIZES_REM. */
export function changeNotesSize(direction: 1 | -1): void {
  const i = NOTES_SIZES_REM.indexOf(notesSizeStore.getState().rem);
  const rem = NOTES_SIZES_REM[Math.min(NOTES_SIZES_REM.length - 1, Math.max(0, i + direction))]!;
  notesSizeStore.setState({ rem });
  try {
    globalThis.localStorage?.setItem(KEY, String(rem));
  } catch {
    // Storage refused (private mode): the size still changes for this session.
  }
}
