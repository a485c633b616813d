/**
 * Reality mode's place in the URL: `#/reality/<view>` or `#/reality/<view>/<topic>`, so a reload or a shared
 * link on the bridge's page opens the same real picture. A deck place never starts with "reality" (no scene
 * has that id), so the deck's own hash handling (url.ts) is untouched; a wrong view lands on the topic lanes
 * with a quiet notice, as a wrong step lands on a scene's start.
 */
import { REAL_VIEWS, type RealView } from './reality-store';

const PREFIX = /^#\/?reality(?:\/|$)/;

export interface RealityPlace {
  view: RealView;
  topic: string | null;
  notice: string | null;
}

export function isRealityHash(hash: string): boolean {
  return PREFIX.test(hash);
}

export function parseRealityHash(hash: string): RealityPlace | null {
  if (!isRealityHash(hash)) return null;
  const [rawView = '', rawTopic, ...extra] = hash.replace(PREFIX, '').split('/');
  let topic: string | null = null;
  try {
    topic = rawTopic ? decodeURIComponent(rawTopic) : null;
  } catch {
    topic = null;
  }
  if (rawView === '') return { view: 'topics', topic: null, notice: null };
  if (!(REAL_VIEWS as readonly string[]).includes(rawView) || extra.length > 0)
    return {
      view: 'topics',
      topic: null,
      notice: `There is no real view "${rawView.slice(0, 30)}": showing the topic lanes (views: ${REAL_VIEWS.join(', ')}).`,
    };
  return { view: rawView as RealView, topic, notice: null };
}

export function formatRealityHash(view: RealView, topic: string | null): string {
  return `#/reality/${view}${topic ? `/${encodeURIComponent(topic)}` : ''}`;
}
