/** A partial answer (one partition's error) still carries the rest: platformatic attaches the response. */
export async function lenient<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    const response = (e as { response?: T }).response;
    if (response) return response;
    throw e;
  }
}

export function errorText(e: unknown): string {
  if (e instanceof AggregateError && e.errors.length > 0) {
    const names = e.errors.map(
      (x) => (x as { apiId?: string }).apiId ?? (x instanceof Error ? x.message : String(x)),
    );
    return `${e.message}: ${[...new Set(names)].join(', ')}`;
  }
  return e instanceof Error ? e.message : String(e);
}
