/**
 * How a page knows a bridge serves it, without asking: the bridge adds this meta tag to the index.html it
 * serves. The static build, the single file and `npm start` without --kafka never carry it, so their pages
 * make no request at all for reality mode (not even a probe that a static server would answer with 404).
 */
export const BRIDGE_MARKER = 'kafka-stage-bridge';

/** The app's index.html as the bridge serves it: the marker right after <head>. */
export function markBridgePage(html: string): string {
  return html.replace(/<head>/i, `<head>\n    <meta name="${BRIDGE_MARKER}" content="1" />`);
}
