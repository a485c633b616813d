/** The clicker's blank screen: all black, the clock paused; any step key brings the picture back. */
export function Blackout() {
  return (
    <div
      className="blackout"
      data-testid="blackout"
      aria-label="Screen blanked; press B to return"
      role="status"
    />
  );
}
