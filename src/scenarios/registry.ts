/**
 * The deck: every scene in src/scenarios/scenes/, in talk order (by the first slide each covers), then the
 * chapter on Kafka as it is today (scenes the talk could not have, so without slides, in KAFKA_TODAY's
 * order), then any other scene without slides, like the sandbox. The URL names a scene by its id. The list never changes: a
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

/** The chapter after the talk (issue 19): Kafka 4.x's groups, queues, transactions and compaction. */
export const KAFKA_TODAY: readonly string[] = [
  'cooperative-rebalance',
  'poll-interval-and-static-members',
  'consumer-protocol',
  'share-groups',
  'exactly-once',
  'log-compaction',
];

/** A scene's place in the deck: its first slide; after every slide, the chapter's order; then the rest. */
function deckOrder(s: Scene): number {
  if (s.slides.length > 0) return Math.min(...s.slides);
  const chapter = KAFKA_TODAY.indexOf(s.id);
  return chapter >= 0 ? 10_000 + chapter : Number.POSITIVE_INFINITY;
}

const deck: readonly Scene[] = Object.values(modules)
  .flatMap((m) => Object.values(m).filter(isScene))
  .sort((a, b) => deckOrder(a) - deckOrder(b) || (a.id < b.id ? -1 : 1));

export const scenes: readonly Scene[] = deck;

/** The deck with a scene swapped for another of the same id (the sandbox built from a link's settings). */
export function deckWith(scene: Scene): readonly Scene[] {
  return deck.map((s) => (s.id === scene.id ? scene : s));
}

export function sceneIndexById(id: string): number {
  return scenes.findIndex((s) => s.id === id);
}
