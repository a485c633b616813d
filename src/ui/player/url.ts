/**
 * The URL hash names the place: `#/<scene-id>/<step>` with the step counted from 0. A reload or a shared
 * link opens the same place; a bad hash lands on the nearest valid place with a quiet notice.
 */
import { sceneIndexById, scenes } from '../../scenarios/registry';

export interface Place {
  sceneIndex: number;
  step: number;
}

export function formatHash(place: Place): string {
  return `#/${scenes[place.sceneIndex]!.id}/${place.step}`;
}

/** Parses a hash; returns the place and, when it had to be corrected, why. */
export function parseHash(hash: string): { place: Place; notice: string | null } {
  const trimmed = hash.replace(/^#\/?/, '');
  if (trimmed === '') return { place: { sceneIndex: 0, step: 0 }, notice: null };
  const [rawId = '', rawStep, ...extra] = trimmed.split('/');
  let id = rawId;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    // A malformed escape is just a wrong id; handled below.
  }
  const sceneIndex = sceneIndexById(id);
  if (sceneIndex < 0) {
    return {
      place: { sceneIndex: 0, step: 0 },
      notice: `There is no scene "${id.slice(0, 60)}": showing the first scene instead.`,
    };
  }
  const scene = scenes[sceneIndex]!;
  const last = scene.steps.length - 1;
  if (rawStep === undefined || rawStep === '') return { place: { sceneIndex, step: 0 }, notice: null };
  if (!/^\d+$/.test(rawStep) || extra.length > 0) {
    return {
      place: { sceneIndex, step: 0 },
      notice: `"${rawStep.slice(0, 20)}" is not a step number: showing the start of "${scene.title}".`,
    };
  }
  const step = Number(rawStep);
  if (step > last) {
    return {
      place: { sceneIndex, step: last },
      notice: `"${scene.title}" has steps 0 to ${last}: showing its last step.`,
    };
  }
  return { place: { sceneIndex, step }, notice: null };
}
