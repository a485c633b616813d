/** Wall-clock hooks for the presenter's window: the UI's time, never the engine's (which is logical). */
import { useEffect, useState } from 'react';

/** Milliseconds elapsed while not paused; starts again from zero when `resetKey` changes. */
export function useElapsed(paused: boolean, resetKey: unknown): number {
  const [elapsed, setElapsed] = useState({ key: resetKey, ms: 0 });
  useEffect(() => {
    if (paused) return;
    let last = performance.now();
    const id = window.setInterval(() => {
      const now = performance.now();
      setElapsed((e) =>
        e.key === resetKey ? { key: resetKey, ms: e.ms + (now - last) } : { key: resetKey, ms: 0 },
      );
      last = now;
    }, 250);
    return () => window.clearInterval(id);
  }, [paused, resetKey]);
  return elapsed.key === resetKey ? elapsed.ms : 0;
}

export function useClock(): string {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), 1000);
    return () => window.clearInterval(id);
  }, []);
  return now.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
