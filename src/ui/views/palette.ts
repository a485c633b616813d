/**
 * Colours for keys, producers and partitions. A key always gets the same colour (by a string hash, not by
 * the order keys appear), so alice is the same colour in every scene and on both screens.
 */
const KEY_COLOURS = ['#e4572e', '#17bebb', '#ffc914', '#76b041', '#a259c4', '#2e86ab', '#f08a4b', '#d1495b'];

export const KEYLESS_COLOUR = '#8aa1b1';

export function keyColour(key: string | null): string {
  if (key === null) return KEYLESS_COLOUR;
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  return KEY_COLOURS[(h >>> 0) % KEY_COLOURS.length]!;
}
