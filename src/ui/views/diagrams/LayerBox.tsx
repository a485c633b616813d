/**
 * One layer of a stacked diagram (origins, streaming giants): its box, title and detail, outlined when the
 * step added it. A `data-box` group, so the legibility check holds the labels inside the box.
 */
export function LayerBox({
  x,
  y,
  w,
  h,
  rx,
  isNew,
  title,
  detail,
  titleDy,
  detailDy,
}: {
  x: number;
  y: number;
  w: number;
  h: number;
  rx: number;
  isNew: boolean;
  title: string;
  detail: string;
  /** Baselines of the title and the detail below the box's top. */
  titleDy: number;
  detailDy: number;
}) {
  return (
    <g data-box>
      <rect className={isNew ? 'layer new' : 'layer'} x={x} y={y} width={w} height={h} rx={rx} />
      <text className="layer-title" x={x + 24} y={y + titleDy}>
        {title}
      </text>
      <text className="layer-detail" x={x + 24} y={y + detailDy}>
        {detail}
      </text>
    </g>
  );
}
