import type { Page } from '@playwright/test';

/**
 * What a presenter would see wrong in the text inside `root`: text over other text, text spilling out of a
 * box that clips it, text cut off by the window. Each text node is measured by its own line boxes (a
 * Range's client rects), an SVG <text> by its box (an SVG text node has no line boxes); fields and buttons
 * by their boxes. A label that belongs to a box (an element marked `data-box`; on an SVG <g>, the box is its
 * first <rect>) must lie inside it, whether or not the box clips. Text that is invisible (opacity 0) is not
 * read. A miniature of the stage is a picture, not text to read, and is left out. With `across`, text inside root is also checked against text outside it (a
 * docked panel must not cover the stage); a modal overlay covers the page by design, so only its own text
 * is compared.
 */
export async function legibilityProblems(page: Page, root: string, across = false): Promise<string[]> {
  return page.evaluate(
    ({ root, across }) => {
      const rootEl = document.querySelector(root);
      if (!rootEl) return [`${root} is not on screen`];
      type Box = { text: string; rects: DOMRect[]; inside: boolean };
      const boxes: Box[] = [];
      const problems: string[] = [];
      // A box that does not show what overflows it cuts text off sideways (a panel must never scroll
      // sideways); downwards only if it hides it: one that scrolls (the docked Live panel, taller than the
      // window on the sandbox) keeps it a scroll away. Help and overview are checked unscrolled by the tests.
      const clipsX = (el: Element) => getComputedStyle(el).overflowX !== 'visible';
      const clipsY = (el: Element) => ['hidden', 'clip'].includes(getComputedStyle(el).overflowY);
      const scrolled = (el: Element) => {
        for (let a: Element | null = el; a && a !== document.body; a = a.parentElement) {
          const y = getComputedStyle(a).overflowY;
          if ((y === 'auto' || y === 'scroll') && a.scrollHeight > a.clientHeight) return true;
        }
        return false;
      };
      const spillsOut = (r: DOMRect, a: Element) => {
        const c = a.getBoundingClientRect();
        const x = clipsX(a) && (r.left < c.left - 1 || r.right > c.right + 1);
        const y = clipsY(a) && (r.top < c.top - 1 || r.bottom > c.bottom + 1);
        return x || y;
      };
      const boxOf = (el: Element): DOMRect | null => {
        const owner = el.closest('[data-box]');
        if (!owner) return null;
        const shape = owner.tagName.toLowerCase() === 'g' ? owner.querySelector(':scope > rect') : owner;
        return shape ? shape.getBoundingClientRect() : null;
      };
      const check = (el: Element, r: DOMRect, what: string) => {
        const outside = r.left < -1 || r.top < -1 || r.right > innerWidth + 1 || r.bottom > innerHeight + 1;
        if (outside && !scrolled(el)) problems.push(`cut off by the window: ${what}`);
        const box = boxOf(el);
        if (
          box &&
          (r.left < box.left - 1 ||
            r.right > box.right + 1 ||
            r.top < box.top - 1 ||
            r.bottom > box.bottom + 1)
        ) {
          const owner = el.closest('[data-box]')!;
          problems.push(`outside its box (${owner.getAttribute('data-box') || owner.tagName}): ${what}`);
          return;
        }
        for (let a: Element | null = el.parentElement; a && a !== document.body; a = a.parentElement) {
          if (spillsOut(r, a)) {
            problems.push(`spills out of its box (${a.className || a.tagName}): ${what}`);
            return;
          }
        }
      };

      const invisible = (el: Element) => {
        for (let a: Element | null = el; a && a !== document.body; a = a.parentElement)
          if (Number(getComputedStyle(a).opacity) < 0.05) return true;
        return false;
      };
      const svgTextsSeen = new Set<Element>();
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        let el: Element | null = n.parentElement;
        let text = n.textContent?.trim() ?? '';
        if (!el || !text || el.closest('.miniature, .handout, [hidden], title, desc, style, script'))
          continue;
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden' || style.display === 'none' || invisible(el)) continue;
        let rects: DOMRect[];
        if (el instanceof SVGElement) {
          // One box per <text>, its tspans included; a text node alone has no client rects in SVG.
          const label = el.closest('text') ?? el;
          if (svgTextsSeen.has(label)) continue;
          svgTextsSeen.add(label);
          el = label;
          text = label.textContent?.trim() ?? text;
          rects = [label.getBoundingClientRect()].filter((r) => r.width > 0.5 && r.height > 0.5);
        } else {
          const range = document.createRange();
          range.selectNodeContents(n);
          rects = [...range.getClientRects()].filter((r) => r.width > 0.5 && r.height > 0.5);
        }
        if (rects.length === 0) continue;
        const inside = rootEl.contains(el);
        // Inside a region that scrolls, only what is scrolled into view can lie over other text: a row a
        // scroll away (the metrics panel of a cluster with many groups) is clipped by its region.
        const shown = rects.flatMap((r) => {
          let [l, t, rr, b] = [r.left, r.top, r.right, r.bottom];
          for (let a: Element | null = el.parentElement; a && a !== document.body; a = a.parentElement) {
            const y = getComputedStyle(a).overflowY;
            if ((y !== 'auto' && y !== 'scroll') || a.scrollHeight <= a.clientHeight) continue;
            const c = a.getBoundingClientRect();
            [l, t, rr, b] = [
              Math.max(l, c.left),
              Math.max(t, c.top),
              Math.min(rr, c.right),
              Math.min(b, c.bottom),
            ];
          }
          return rr - l > 0.5 && b - t > 0.5 ? [new DOMRect(l, t, rr - l, b - t)] : [];
        });
        if (!inside && !across) continue;
        if (shown.length > 0) boxes.push({ text: text.slice(0, 30), rects: shown, inside });
        if (inside) for (const r of rects) check(el, r, `"${text.slice(0, 30)}"`);
      }
      // A field's or a button's text is not all text nodes of the page: its box must fit too.
      for (const el of rootEl.querySelectorAll('input, select, button, textarea')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || el.closest('.miniature')) continue;
        check(
          el,
          r,
          `the field ${(el as HTMLInputElement).name || el.textContent?.trim().slice(0, 30) || el.tagName}`,
        );
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
