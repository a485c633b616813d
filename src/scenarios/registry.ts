/**
 * The deck: every scene in src/scenarios/scenes/, in talk order (by the first slide each covers; scenes
 * without slides, like the sandbox, come last). The URL names a scene by its id. The list never changes: a
 * deck with another sandbox (a link's settings) is a new list from `deckWith`, with the same ids, titles
 * and step counts in the same places.
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

const deck: readonly Scene[] = Object.values(modules)
  .flatMap((m) => Object.values(m).filter(isScene))
  .sort((a, b) => firstSlide(a) - firstSlide(b) || (a.id < b.id ? -1 : 1));

export const scenes: readonly Scene[] = deck;

/** The deck with a scene swapped for another of the same id (the sandbox built from a link's settings). */
export function deckWith(scene: Scene): readonly Scene[] {
  return deck.map((s) => (s.id === scene.id ? scene : s));
}

export function sceneIndexById(id: string): number {
  return scenes.findIndex((s) => s.id === id);
}
