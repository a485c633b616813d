// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { render, scenePlace } from '../../testing/test-render';
import { ConsumersView } from './ConsumersView';
import { crossings, type RoutedLink } from './link-routing';

type View = Extract<ReturnType<typeof scenePlace>['scene']['view'], { kind: 'consumers' }>;

/** The links as drawn, read back from the polylines' points and their group colour. */
function drawnLinks(dom: HTMLElement): RoutedLink[] {
  return [...dom.querySelectorAll('polyline.owns')].map((l) => {
    const points = l
      .getAttribute('points')!
      .split(' ')
      .map((xy) => xy.split(',').map(Number) as [number, number]);
    const [, consumer, partition] = /^link-(.+)-(\d+)$/.exec(l.getAttribute('data-testid')!)!;
    return {
      consumer: consumer!,
      group: Number(/group-(\d)/.exec(l.getAttribute('class')!)![1]),
      partition: Number(partition),
      fromY: points[0]![1],
      toY: points.at(-1)![1],
      points,
    };
  });
}

describe('the links drawn in the consumer scenes', () => {
  for (const id of ['consume-single', 'consume-groups', 'grouped-consumers', 'sandbox'])
    it(`never cross within a group at any step of ${id}`, () => {
      const steps = scenePlace(id, 0).scene.steps.length;
      let drawn = 0;
      for (let s = 0; s < steps; s++) {
        const place = scenePlace(id, s);
        const dom = render(
          <ConsumersView
            view={place.scene.view as View}
            frame={place.frame}
            playheadMs={place.frame.toMs}
            sceneIndex={place.sceneIndex}
            step={s}
          />,
        );
        const links = drawnLinks(dom);
        drawn += links.length;
        expect(crossings(links).sameGroup, `${id} step ${s}`).toBe(0);
        dom.remove();
      }
      expect(drawn).toBeGreaterThan(0);
    });
});
