// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { sceneIndexById } from '../../../scenarios/registry';
import { SANDBOX_ID } from '../../../scenarios/scenes/sandbox';
import { render } from '../../testing/test-render';
import { GIANTS, ORIGINS, RECAP, UDFS } from './data';
import { Giants } from './Giants';
import { Origins } from './Origins';
import { WrapUp } from './WrapUp';

const all = (root: ParentNode, id: string) => [...root.querySelectorAll(`[data-testid="${id}"]`)];
const rectOf = (g: Element) => g.querySelector('rect')!;
const top = (g: Element) => Number(rectOf(g).getAttribute('y'));
const bottom = (g: Element) => top(g) + Number(rectOf(g).getAttribute('height'));

describe('origins: layers with events flowing up', () => {
  it('adds one layer a step, outlines it as new and calls out what it added', () => {
    for (let step = 0; step < ORIGINS.length; step++) {
      const dom = render(<Origins reveal={step + 1} />);
      const layers = all(dom, 'origins-layer');
      expect(layers.map((l) => l.querySelector('.layer-title')?.textContent)).toEqual(
        ORIGINS.slice(0, step + 1).map((o) => o.label),
      );
      expect(layers.map((l) => l.getAttribute('data-new'))).toEqual(layers.map((_, i) => String(i === step)));
      expect(dom.querySelector('[data-testid="origins-callout"]')?.textContent).toBe(
        ORIGINS[step]!.added.join(''),
      );
    }
  });

  it('draws arrows up from the sources into the log, and from each layer into the one above', () => {
    const dom = render(<Origins reveal={ORIGINS.length} />);
    const layers = all(dom, 'origins-layer').map((g) => g.querySelector('g[data-box]')!);
    const arrows = all(dom, 'origins-arrow').map((a) => a.querySelector('line')!);
    const ends = (from: number, to: number) =>
      arrows.filter((l) => {
        const y1 = Number(l.getAttribute('y1'));
        const y2 = Number(l.getAttribute('y2'));
        // Drawn upwards, from the top of the lower box to just below the upper one.
        return y1 > y2 && Math.abs(y1 - from) <= 10 && Math.abs(y2 - to) <= 12;
      });
    const sources = all(dom, 'origins-source');
    expect(ends(top(sources[0]!), bottom(layers[0]!))).toHaveLength(sources.length);
    expect(ends(top(layers[0]!), bottom(layers[1]!)).length).toBeGreaterThan(0);
    expect(ends(top(layers[1]!), bottom(layers[2]!)).length).toBeGreaterThan(0);
    for (const a of arrows) expect(a.getAttribute('marker-end')).toBe('url(#arrow)');
  });

  it('keeps each layer where it is as the next ones appear', () => {
    const y = (reveal: number) =>
      all(render(<Origins reveal={reveal} />), 'origins-layer').map((g) =>
        top(g.querySelector('g[data-box]')!),
      );
    expect(y(3).slice(0, 1)).toEqual(y(1));
    expect(y(3).slice(0, 2)).toEqual(y(2));
  });
});

describe('streaming giants: the slide’s axes', () => {
  it('stacks the three layers with ksqlDB, the easiest to use, at the top, each powered by the one below', () => {
    const dom = render(<Giants reveal={GIANTS.length} />);
    const layers = all(dom, 'giants-layer');
    const byTop = [...layers].sort((a, b) => top(a) - top(b));
    expect(byTop.map((l) => l.querySelector('.layer-title')?.textContent)).toEqual(
      [...GIANTS].reverse().map((g) => g.label),
    );
    expect(all(dom, 'giants-powered-by')).toHaveLength(GIANTS.length - 1);
    const axis = dom.querySelector('[data-testid="giants-axis"]')!;
    const [up, down] = [...axis.querySelectorAll('text')];
    expect(up?.textContent).toBe('Ease of use');
    expect(down?.textContent).toBe('Flexibility');
    expect(Number(up?.getAttribute('y'))).toBeLessThan(Number(down?.getAttribute('y')));
  });

  it('puts UDFs beside ksqlDB, not above it as an even easier layer', () => {
    const dom = render(<Giants reveal={GIANTS.length + 1} />);
    const udfs = dom.querySelector('[data-testid="giants-udfs"] g[data-box]')!;
    expect(udfs.querySelector('.layer-title')?.textContent).toBe(UDFS.label);
    const ksql = all(dom, 'giants-layer').find(
      (l) => l.querySelector('.layer-title')?.textContent === 'ksqlDB',
    )!;
    const mid = (g: Element) => (top(g) + bottom(g)) / 2;
    expect(mid(udfs)).toBeCloseTo(mid(ksql), 0);
    const x = (g: Element) => Number(rectOf(g).getAttribute('x'));
    expect(x(udfs)).toBeGreaterThan(x(ksql) + Number(rectOf(ksql).getAttribute('width')));
  });

  it('draws no UDFs before their step', () => {
    expect(render(<Giants reveal={GIANTS.length} />).querySelector('[data-testid="giants-udfs"]')).toBeNull();
  });
});

describe('wrap-up: a picture per idea, each a link to its scene', () => {
  it('links every idea to the first step of a scene of the deck, with a caption and a picture', () => {
    const dom = render(<WrapUp reveal={1} />);
    const links = all(dom, 'recap-link') as HTMLAnchorElement[];
    expect(links).toHaveLength(RECAP.length);
    for (const [i, link] of links.entries()) {
      expect(link.tagName).toBe('A');
      expect(link.getAttribute('href')).toBe(`#/${RECAP[i]!.scene}/0`);
      expect(sceneIndexById(RECAP[i]!.scene), RECAP[i]!.scene).toBeGreaterThanOrEqual(0);
      expect(link.textContent).toBe(RECAP[i]!.caption);
      expect(link.querySelector('svg[aria-hidden="true"]')).not.toBeNull();
    }
    expect(new Set(RECAP.map((r) => r.scene)).size).toBe(RECAP.length);
  });

  it('offers the sandbox first, and the books and courses at the second step', () => {
    const first = render(<WrapUp reveal={1} />);
    expect(first.querySelector('[data-testid="sandbox-link"]')?.getAttribute('href')).toBe(
      `#/${SANDBOX_ID}/0`,
    );
    expect(first.querySelector('[data-testid="resources"]')).toBeNull();
    const second = render(<WrapUp reveal={2} />);
    expect(second.querySelector('[data-testid="resources"]')?.textContent).toContain(
      'developer.confluent.io',
    );
  });
});
