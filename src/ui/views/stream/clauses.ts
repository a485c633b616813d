/**
 * The talk builds the query one clause a slide, in this order. A line of the query belongs to the clause its
 * first keyword opens; a line that opens none continues the clause above it.
 */
export const CLAUSE = { FROM: 1, WINDOW: 2, GROUP_BY: 3, COUNT: 4, HAVING: 5, CREATE: 6 } as const;
export const ALL_CLAUSES = CLAUSE.CREATE;

const OPENERS: readonly [RegExp, number][] = [
  [/^CREATE\b/i, CLAUSE.CREATE],
  [/^SELECT\b/i, CLAUSE.COUNT],
  [/^FROM\b/i, CLAUSE.FROM],
  [/^WINDOW\b/i, CLAUSE.WINDOW],
  [/^GROUP\s+BY\b/i, CLAUSE.GROUP_BY],
  [/^HAVING\b/i, CLAUSE.HAVING],
  [/^EMIT\b/i, CLAUSE.CREATE],
];

export interface ClauseLine {
  readonly text: string;
  readonly clause: number;
}

export function clauseLines(query: string): ClauseLine[] {
  let current: number = CLAUSE.CREATE;
  return query.split('\n').map((text) => {
    const t = text.trim();
    for (const [re, clause] of OPENERS) {
      if (re.test(t)) {
        current = clause;
        break;
      }
    }
    return { text, clause: current };
  });
}
