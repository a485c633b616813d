/** Model time as a wall clock, in UTC (the simulator's day 0): 12:05, or 12:05:30 with seconds. */
export function clock(ms: number, seconds = false): string {
  const d = new Date(ms);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  if (!seconds) return `${hh}:${mm}`;
  return `${hh}:${mm}:${String(d.getUTCSeconds()).padStart(2, '0')}`;
}

/** A card number as a receipt shows it: the last four digits. */
export function maskedCard(card: string): string {
  const digits = card.replace(/\D/g, '');
  return digits.length >= 8 ? `•••• ${digits.slice(-4)}` : card;
}
