import type { Page } from '@playwright/test';

/**
 * What a presenter would see wrong in the text inside `root`: text over other text, text spilling out of a
 * box that clips it, text cut off by the window. Each text node is measured by its own line boxes (a
 * Range's client rects). A miniature of the stage is a picture, not text to read, and is left out.
 * With `across`, text inside root is also checked against text outside it (a docked panel must not cover
 * the stage); a modal overlay covers the page by design, so only its own text is compared.
 */
export async function legibilityProblems(page: Page, root: string, across = false): Promise<string[]> {
  return page.evaluate(
    ({ root, across }) => {
      const rootEl = document.querySelector(root);
      if (!rootEl) return [`${root} is not on screen`];
      type Box = { text: string; rects: DOMRect[]; inside: boolean };
      const boxes: Box[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const problems: string[] = [];
      const clips = (el: Element) => {
        const o = getComputedStyle(el);
        return [o.overflowX, o.overflowY].some((v) => v !== 'visible');
      };
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        const text = n.textContent?.trim() ?? '';
        if (!el || !text || el.closest('.miniature, .handout, [hidden]')) continue;
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden' || style.display === 'none') continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0.5 && r.height > 0.5);
        if (rects.length === 0) continue;
        const inside = rootEl.contains(el);
        if (!inside && !across) continue;
        boxes.push({ text: text.slice(0, 30), rects, inside });
        if (!inside) continue;
        for (const r of rects) {
          if (r.left < -1 || r.top < -1 || r.right > innerWidth + 1 || r.bottom > innerHeight + 1)
            problems.push(`cut off by the window: "${text.slice(0, 30)}"`);
          for (let a: Element | null = el; a && a !== document.body; a = a.parentElement) {
            if (!clips(a)) continue;
            const c = a.getBoundingClientRect();
            if (
              r.left < c.left - 1 ||
              r.top < c.top - 1 ||
              r.right > c.right + 1 ||
              r.bottom > c.bottom + 1
            ) {
              problems.push(`spills out of its box (${a.className || a.tagName}): "${text.slice(0, 30)}"`);
              break;
            }
          }
        }
      }
      const overlap = (a: DOMRect, b: DOMRect) =>
        Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 &&
        Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i]!, boxes[j]!];
          if (!a.inside && !b.inside) continue;
          if (a.rects.some((ra) => b.rects.some((rb) => overlap(ra, rb))))
            problems.push(`text over text: "${a.text}" and "${b.text}"`);
        }
      return [...new Set(problems)];
    },
    { root, across },
  );
}

/** Whether an element shows all its content without scrolling. */
export async function scrolls(page: Page, selector: string): Promise<boolean> {
  return page
    .locator(selector)
    .evaluate((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1);
}
