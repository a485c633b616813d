/** The deck: every scene in talk order. The URL names a scene by its id. */
import { produceNoKey } from './produce-no-key';
import { produceWithKey } from './produce-with-key';
import type { Scene } from './types';

export const scenes: readonly Scene[] = [produceNoKey, produceWithKey];

export function sceneIndexById(id: string): number {
  return scenes.findIndex((s) => s.id === id);
}
