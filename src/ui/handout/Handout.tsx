/**
 * The printable handout: when the browser prints (Ctrl+P, or Alt+P), one page per step of every scene
 * (handout-pages.tsx). Rendered only while printing, so the deck does not pay for it on screen; its pages
 * are a chunk of their own, fetched as soon as the deck mounts this, long before anyone prints.
 */
import { type ComponentType, useEffect, useState } from 'react';

let pages: Promise<ComponentType> | null = null;
const loadPages = () =>
  (pages ??= import('./handout-pages').then(
    (m) => m.Handout,
    (e: unknown) => {
      // A chunk that did not arrive: the next print asks again.
      pages = null;
      throw e;
    },
  ));

/** Mounts the handout for the browser's print and removes it afterwards. */
export function HandoutOnPrint() {
  const [printing, setPrinting] = useState(
    () => typeof matchMedia === 'function' && matchMedia('print').matches,
  );
  useEffect(() => {
    const before = () => setPrinting(true);
    const after = () => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    const mq = typeof matchMedia === 'function' ? matchMedia('print') : null;
    const onChange = (e: MediaQueryListEvent) => setPrinting(e.matches);
    mq?.addEventListener('change', onChange);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
      mq?.removeEventListener('change', onChange);
    };
  }, []);
  const [Pages, setPages] = useState<ComponentType | null>(null);
  // Fetched at once, not at print time: a print lays the page out as it is when it starts. A fetch that
  // failed is tried again when printing starts or ends.
  // biome-ignore lint/correctness/useExhaustiveDependencies: printing is the retry's trigger
  useEffect(() => {
    if (Pages) return;
    let mounted = true;
    loadPages().then(
      (loaded) => {
        if (mounted) setPages(() => loaded);
      },
      () => undefined,
    );
    return () => {
      mounted = false;
    };
  }, [Pages, printing]);
  if (!printing) return null;
  return Pages ? (
    <Pages />
  ) : (
    <div className="handout" data-testid="handout">
      <p>Loading the handout…</p>
    </div>
  );
}
