/**
 * Places in the deck as plain arithmetic over the scenes' step counts, so the player machine can decide
 * from its own context (no store, no registry) whether there is a next step.
 */

export interface Place {
  readonly sceneIndex: number;
  readonly step: number;
}

/** stepCounts[i]: how many steps scene i has. */
export type StepCounts = readonly number[];

const lastStep = (counts: StepCounts, sceneIndex: number) => (counts[sceneIndex] ?? 1) - 1;

/** The nearest place in the deck: indices floored and clamped to the scenes and their steps. */
export function clampPlace(counts: StepCounts, sceneIndex: number, step: number): Place {
  const s = Math.max(0, Math.min(Math.floor(sceneIndex) || 0, counts.length - 1));
  const k = Math.max(0, Math.min(Math.floor(step) || 0, lastStep(counts, s)));
  return { sceneIndex: s, step: k };
}

/** The place after this one: the next step, or the first step of the next scene; null at the deck's end. */
export function nextPlace(counts: StepCounts, p: Place): Place | null {
  if (p.step < lastStep(counts, p.sceneIndex)) return { sceneIndex: p.sceneIndex, step: p.step + 1 };
  if (p.sceneIndex < counts.length - 1) return { sceneIndex: p.sceneIndex + 1, step: 0 };
  return null;
}

/** The place before this one: the previous step, or the last step of the previous scene. */
export function previousPlace(counts: StepCounts, p: Place): Place | null {
  if (p.step > 0) return { sceneIndex: p.sceneIndex, step: p.step - 1 };
  if (p.sceneIndex > 0) return { sceneIndex: p.sceneIndex - 1, step: lastStep(counts, p.sceneIndex - 1) };
  return null;
}
