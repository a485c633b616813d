/** Where a slide number of the talk lives in the deck: the first step of the first scene that covers it. */
import { scenes } from '../../scenarios/registry';

export function placeOfSlide(slide: number): { sceneIndex: number; step: number } | null {
  const exact = scenes.findIndex((s) => s.slides.includes(slide));
  if (exact >= 0) return { sceneIndex: exact, step: 0 };
  // A slide the deck skips (a title or a blank one): the scene that covers the nearest earlier slide.
  let best: number | null = null;
  scenes.forEach((s, i) => {
    if (
      s.slides.some((n) => n < slide) &&
      (best === null || Math.max(...s.slides) >= Math.max(...scenes[best]!.slides))
    )
      best = i;
  });
  return best === null ? null : { sceneIndex: best, step: 0 };
}
