import { useEffect } from 'react';

/**
 * Gives the focus back to where it was when an overlay opened, once it closes: a presenter who opened the
 * help from the Keys button, or the Live panel from its button, finds the focus where they left it.
 */
export function useRestoreFocus(): void {
  useEffect(() => {
    const before = document.activeElement;
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);
}
