/**
 * The deck: every scene in src/scenarios/scenes/, in talk order (by the first slide each covers; scenes
 * without slides, like the sandbox, come last). The URL names a scene by its id.
 */
import type { Scene } from './types';

const modules = import.meta.glob<Record<string, unknown>>('./scenes/*.ts', { eager: true });

function isScene(x: unknown): x is Scene {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as Scene).id === 'string' &&
    Array.isArray((x as Scene).steps)
  );
}

const firstSlide = (s: Scene) => (s.slides.length > 0 ? Math.min(...s.slides) : Number.POSITIVE_INFINITY);

const deck: Scene[] = Object.values(modules)
  .flatMap((m) => Object.values(m).filter(isScene))
  .sort((a, b) => firstSlide(a) - firstSlide(b) || (a.id < b.id ? -1 : 1));

export const scenes: readonly Scene[] = deck;

/**
 * Swaps a scene for another with the same id: the sandbox built from the URL's configuration replaces the
 * default one at start, before anything has run.
 */
export function replaceScene(scene: Scene): void {
  const i = deck.findIndex((s) => s.id === scene.id);
  if (i >= 0) deck[i] = scene;
}

export function sceneIndexById(id: string): number {
  return scenes.findIndex((s) => s.id === id);
}
