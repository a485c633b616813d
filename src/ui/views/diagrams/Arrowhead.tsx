/**
 * The arrowhead every diagram's arrows end in (one marker per SVG: ids are per document, so it is shared).
 * `refX`: where along the head the line ends (5: its middle; 8: near the tip, for the recap's short arrows).
 */
export function Arrowhead({ id = 'arrow', refX = 5 }: { id?: string; refX?: number }) {
  return (
    <defs>
      <marker
        id={id}
        viewBox="0 0 10 10"
        refX={refX}
        refY="5"
        markerWidth="6"
        markerHeight="6"
        orient="auto-start-reverse"
      >
        <path d="M 0 0 L 10 5 L 0 10 z" className="arrow-head" />
      </marker>
    </defs>
  );
}
