/**
 * Where a slide number of the talk lives in the deck: the first step of the first scene that covers it. A
 * slide the deck skips (a title or a blank one) maps to the scene of the nearest earlier slide; a number
 * outside the slides the deck covers maps to nothing.
 */
import { scenes } from '../../scenarios/registry';

export function placeOfSlide(slide: number): { sceneIndex: number; step: number } | null {
  const all = scenes.flatMap((s) => s.slides);
  if (!Number.isInteger(slide) || slide < Math.min(...all) || slide > Math.max(...all)) return null;
  const exact = scenes.findIndex((s) => s.slides.includes(slide));
  if (exact >= 0) return { sceneIndex: exact, step: 0 };
  let best = -1;
  let bestSlide = -1;
  scenes.forEach((s, i) => {
    for (const n of s.slides) {
      if (n < slide && n > bestSlide) {
        best = i;
        bestSlide = n;
      }
    }
  });
  return best < 0 ? null : { sceneIndex: best, step: 0 };
}
