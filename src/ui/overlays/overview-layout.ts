/**
 * The overview grid's shape: how many columns and rows hold every scene at once in the window, each cell a
 * miniature of the stage with its title below. Pure, so the grid (Overview.tsx), the arrow keys (which move
 * by a row) and a test agree on it.
 */

/** A miniature's width over its height: the stage's picture at a projector's 16:9, above the narration. */
export const MINIATURE_ASPECT = 2;
/** The height of a cell's caption (number, title, slides), in px. */
export const CAPTION_PX = 84;
/** The overlay's own header and margins, in px. */
const CHROME_PX = 90;
const GAP_PX = 10;

export interface OverviewGrid {
  readonly columns: number;
  readonly rows: number;
}

/** The columns and rows that give `count` cells the largest miniatures in a window of this size. */
export function overviewGrid(count: number, widthPx: number, heightPx: number): OverviewGrid {
  const n = Math.max(1, count);
  const width = Math.max(1, widthPx * 0.96 - 2 * GAP_PX);
  const height = Math.max(1, heightPx - CHROME_PX);
  let best = { columns: 1, rows: n, miniature: -1 };
  for (let columns = 1; columns <= n; columns++) {
    const rows = Math.ceil(n / columns);
    const cellWidth = (width - GAP_PX * (columns - 1)) / columns;
    const cellHeight = (height - GAP_PX * (rows - 1)) / rows;
    const miniature = Math.min(cellWidth, (cellHeight - CAPTION_PX) * MINIATURE_ASPECT);
    if (miniature > best.miniature) best = { columns, rows, miniature };
  }
  return { columns: best.columns, rows: best.rows };
}

/** The grid for the window as it is now. */
export function windowOverviewGrid(count: number): OverviewGrid {
  return overviewGrid(count, window.innerWidth, window.innerHeight);
}
