import { describe, expect, it } from 'vitest';
import { BRIDGE_MARKER, markBridgePage } from './page-marker';

describe('the bridge marker', () => {
  it('is added once, inside the head, to the page the bridge serves', () => {
    const page = markBridgePage(
      '<!doctype html><html><head><title>Kafka Stage</title></head><body></body></html>',
    );
    expect(page).toContain(`<head>\n    <meta name="${BRIDGE_MARKER}" content="1" />`);
    expect(page.match(new RegExp(BRIDGE_MARKER, 'g'))).toHaveLength(1);
    expect(page.indexOf(BRIDGE_MARKER)).toBeLessThan(page.indexOf('</head>'));
  });
});
