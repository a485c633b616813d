/**
 * The presenter's notes font size, a setting of the presenter's window alone (the audience never sees the
 * notes): stepped by the registry's `[` and `]` keys and kept across reloads of that window.
 */
import { createStore } from 'zustand/vanilla';

/** The sizes the notes step through, in px; the default is the deck's body size at 1280 px wide. */
export const NOTES_SIZES_PX: readonly number[] = [16, 18, 20, 24, 28, 32, 40, 48];
const DEFAULT_PX = 20;
const KEY = 'kafka-stage:notes-size-px';

function saved(): number {
  try {
    const px = Number(globalThis.localStorage?.getItem(KEY));
    return NOTES_SIZES_PX.includes(px) ? px : DEFAULT_PX;
  } catch {
    return DEFAULT_PX;
  }
}

export const notesSizeStore = createStore<{ px: number }>(() => ({ px: saved() }));

/** One size larger (1) or smaller (-1), within NOTES_SIZES_PX. */
export function changeNotesSize(direction: 1 | -1): void {
  const i = NOTES_SIZES_PX.indexOf(notesSizeStore.getState().px);
  const px = NOTES_SIZES_PX[Math.min(NOTES_SIZES_PX.length - 1, Math.max(0, i + direction))]!;
  notesSizeStore.setState({ px });
  try {
    globalThis.localStorage?.setItem(KEY, String(px));
  } catch {
    // Storage refused (private mode): the size still changes for this session.
  }
}
