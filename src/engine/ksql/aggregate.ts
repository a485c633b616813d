/**
 * The aggregate functions of the subset. An accumulator is an immutable value: `add` returns a new one, so a
 * window entry can be copied per update without copying anything else (the state is persistent).
 * Nulls are skipped as ksqlDB's UDAFs skip them: COUNT(col) counts non-null values, SUM starts at 0 (ksqlDB's
 * SumKudaf initial value), MIN/MAX start at NULL.
 */
import type { SqlType } from './expressions';

export interface AggregateFn {
  readonly name: string;
  init(): unknown;
  add(acc: unknown, v: unknown): unknown;
  result(acc: unknown): unknown;
  /** Combines two accumulators, for session windows that merge (ksqlDB's session merger). */
  merge(a: unknown, b: unknown): unknown;
  resultType(arg: SqlType): SqlType;
}

const addNumbers = (a: unknown, b: unknown): unknown => (a as number) + (b as number);

const identity = (acc: unknown): unknown => acc;

const COUNT_STAR: AggregateFn = {
  name: 'COUNT',
  init: () => 0,
  add: (acc) => (acc as number) + 1,
  result: identity,
  merge: addNumbers,
  resultType: () => 'INTEGER',
};

const COUNT: AggregateFn = {
  name: 'COUNT',
  init: () => 0,
  add: (acc, v) => (v == null ? acc : (acc as number) + 1),
  result: identity,
  merge: addNumbers,
  resultType: () => 'INTEGER',
};

const SUM: AggregateFn = {
  name: 'SUM',
  init: () => 0,
  add: (acc, v) => (typeof v === 'number' ? (acc as number) + v : acc),
  result: identity,
  merge: addNumbers,
  resultType: (t) => (t === 'INTEGER' ? 'INTEGER' : t === 'ANY' ? 'ANY' : 'DOUBLE'),
};

function extreme(name: string, better: (v: unknown, acc: unknown) => boolean): AggregateFn {
  const add = (acc: unknown, v: unknown): unknown =>
    v == null ? acc : acc == null || better(v, acc) ? v : acc;
  return {
    name,
    init: () => null,
    add,
    result: identity,
    merge: add,
    resultType: (t) => t,
  };
}

const MIN = extreme('MIN', (v, acc) => (v as number) < (acc as number));
const MAX = extreme('MAX', (v, acc) => (v as number) > (acc as number));

/** AVG keeps [sum, count]; with no non-null input it reports 0, as ksqlDB's AverageUdaf does. */
const AVG: AggregateFn = {
  name: 'AVG',
  init: () => [0, 0],
  add: (acc, v) => {
    if (typeof v !== 'number') return acc;
    const [s, c] = acc as [number, number];
    return [s + v, c + 1];
  },
  result: (acc) => {
    const [s, c] = acc as [number, number];
    return c === 0 ? 0 : s / c;
  },
  merge: (a, b) => {
    const [s1, c1] = a as [number, number];
    const [s2, c2] = b as [number, number];
    return [s1 + s2, c1 + c2];
  },
  resultType: () => 'DOUBLE',
};

const BY_NAME: Record<string, AggregateFn> = { SUM, MIN, MAX, AVG };

/** The function for NAME(arg) or NAME(*); undefined if NAME is not an aggregate of the subset. */
export function aggregateFor(
  name: string,
  star: boolean,
  argCount: number,
): AggregateFn | 'arity' | undefined {
  if (name === 'COUNT') {
    if (star || argCount === 0) return COUNT_STAR;
    return argCount === 1 ? COUNT : 'arity';
  }
  const fn = BY_NAME[name];
  if (!fn) return undefined;
  return !star && argCount === 1 ? fn : 'arity';
}
