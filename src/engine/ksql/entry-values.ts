/**
 * How an aggregate entry (state.ts) holds its GROUP BY values and its accumulators: a single one as the value
 * itself, several in an array. Most queries group by one column and compute one aggregate (the talk's fraud
 * query: GROUP BY card_number, count(*)), and an entry lives as long as its window (a day by default), so an
 * array per entry for one value was most of what the garbage collector had to copy (issue 6). The plan says
 * which form an entry uses: plan.groupBy.length and plan.aggs.length never change.
 */
import type { Row } from './expressions';
import type { AggregatePlan } from './plan';

/** The GROUP BY values of a row, kept by a new entry for its output rows. */
export function groupOf(row: Row, groupBy: readonly number[]): unknown {
  if (groupBy.length === 1) return row[groupBy[0]!];
  const group: unknown[] = new Array(groupBy.length);
  for (let i = 0; i < groupBy.length; i++) group[i] = row[groupBy[i]!];
  return group;
}

export function groupAt(plan: AggregatePlan, group: unknown, i: number): unknown {
  return plan.groupBy.length === 1 ? group : (group as readonly unknown[])[i];
}

export function accAt(plan: AggregatePlan, accs: unknown, i: number): unknown {
  return plan.aggs.length === 1 ? accs : (accs as readonly unknown[])[i];
}

/** The accumulators of an entry before its first row. */
export function initialAccs(plan: AggregatePlan): unknown {
  const aggs = plan.aggs;
  if (aggs.length === 1) return aggs[0]!.fn.init();
  const accs: unknown[] = new Array(aggs.length);
  for (let i = 0; i < aggs.length; i++) accs[i] = aggs[i]!.fn.init();
  return accs;
}

/**
 * The accumulators after one more input row. `accs` may be published (part of a state someone kept), so it is
 * never changed: several accumulators come back in a new array. An accumulator is an immutable value (aggregate.ts).
 */
export function accsAdded(plan: AggregatePlan, accs: unknown, row: Row): unknown {
  const aggs = plan.aggs;
  if (aggs.length === 1) return addOne(plan, 0, accs, row);
  const prev = accs as readonly unknown[];
  const next: unknown[] = new Array(aggs.length);
  for (let i = 0; i < aggs.length; i++) next[i] = addOne(plan, i, prev[i], row);
  return next;
}

/** accsAdded for accumulators nobody else can see yet (a fresh entry, or one under the caller's transient). */
export function accsAddedInPlace(plan: AggregatePlan, accs: unknown, row: Row): unknown {
  const aggs = plan.aggs;
  if (aggs.length === 1) return addOne(plan, 0, accs, row);
  const own = accs as unknown[];
  for (let i = 0; i < aggs.length; i++) own[i] = addOne(plan, i, own[i], row);
  return own;
}

function addOne(plan: AggregatePlan, i: number, acc: unknown, row: Row): unknown {
  const a = plan.aggs[i]!;
  return a.fn.add(acc, a.arg === null ? null : a.arg(row));
}

/** The accumulators of sessions merged into one (ksqlDB's session merger); none gives the initial ones. */
export function mergedAccs(plan: AggregatePlan, all: readonly { accs: unknown }[]): unknown {
  const merged = plan.aggs.map((a, i) =>
    all.reduce((acc, s) => a.fn.merge(acc, accAt(plan, s.accs, i)), a.fn.init()),
  );
  return plan.aggs.length === 1 ? merged[0] : merged;
}
