/** An error's message, for the sentence a replay lists in `skipped`. */
export function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
