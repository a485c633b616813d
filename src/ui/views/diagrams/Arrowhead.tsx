/** The arrowhead every diagram's arrows end in (one marker per SVG: ids are per document, so it is shared). */
export function Arrowhead({ id = 'arrow' }: { id?: string }) {
  return (
    <defs>
      <marker
        id={id}
        viewBox="0 0 10 10"
        refX="5"
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
