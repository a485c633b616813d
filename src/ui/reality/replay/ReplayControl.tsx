/**
 * The deck's "Replay on the real cluster" button, drawn only when a bridge serves the page (reality mode's
 * one probe of its info says so; the static build asks nothing more), and the side-by-side it opens,
 * loaded when first opened.
 */
import { lazy, Suspense } from 'react';
import { useStore } from 'zustand';
import { CommandButton } from '../../CommandButton';
import { deckCommand } from '../../player/commands';
import { realityStore } from '../reality-store';
import { replayStore } from './replay-store';

const ReplayBeside = lazy(() => import('./ReplayBeside').then((m) => ({ default: m.ReplayBeside })));

export function ReplayControl() {
  const bridge = useStore(realityStore, (s) => s.bridge);
  // Re-drawn when the replay opens or closes: the button's caption and aria-expanded read the store.
  const open = useStore(replayStore, (s) => s.open);
  if (!bridge) return null;
  return (
    <>
      <CommandButton command={deckCommand('replay-real')} />
      {open && (
        <Suspense fallback={null}>
          <ReplayBeside />
        </Suspense>
      )}
    </>
  );
}
