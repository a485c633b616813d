/**
 * The syntax tree of the ksqlDB subset. Identifiers are already upper-cased unless they were quoted (ksqlDB
 * stores unquoted identifiers upper-case: KAFKA.md "ksqlDB stream processing").
 */
import type { Pos } from './errors';

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '=' | '<>' | '<' | '<=' | '>' | '>=' | 'AND' | 'OR';

export type Expr =
  | { kind: 'column'; name: string; qualifier?: string; pos: Pos }
  | { kind: 'literal'; value: number | string | boolean | null; integer: boolean; pos: Pos }
  | { kind: 'unary'; op: '-' | 'NOT'; operand: Expr; pos: Pos }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; pos: Pos }
  | { kind: 'isNull'; operand: Expr; negated: boolean; pos: Pos }
  /** A function call; `star` for COUNT(*). Only aggregate functions exist in this subset. */
  | { kind: 'call'; name: string; args: Expr[]; star: boolean; pos: Pos };

export type SelectItem = { kind: 'star'; pos: Pos } | { kind: 'expr'; expr: Expr; alias?: string; pos: Pos };

export type WindowType = 'TUMBLING' | 'HOPPING' | 'SESSION';

export interface WindowSpec {
  type: WindowType;
  /** Tumbling/hopping size, or the session inactivity gap. */
  sizeMs: number;
  /** Hopping only. */
  advanceMs?: number;
  retentionMs?: number;
  /** Absent when the statement gives no GRACE PERIOD (the default depends on EMIT: KAFKA-DETAILS 4.3). */
  graceMs?: number;
  pos: Pos;
}

export type EmitMode = 'CHANGES' | 'FINAL';

export interface Select {
  items: SelectItem[];
  from: { name: string; alias?: string; pos: Pos };
  window?: WindowSpec;
  where?: Expr;
  groupBy?: Expr[];
  having?: Expr;
  emit?: { mode: EmitMode; pos: Pos };
  pos: Pos;
}

export type SourceType = 'STREAM' | 'TABLE';

export interface ColumnDef {
  name: string;
  type: string;
  key: boolean;
  pos: Pos;
}

export type PropValue = { value: string | number; pos: Pos };

export type Statement =
  | {
      kind: 'createSource';
      sourceType: SourceType;
      name: string;
      columns: ColumnDef[];
      props: Record<string, PropValue>;
      pos: Pos;
      /** Position of the STREAM/TABLE keyword. */
      typePos: Pos;
    }
  | {
      kind: 'createAs';
      sourceType: SourceType;
      name: string;
      props: Record<string, PropValue>;
      select: Select;
      pos: Pos;
      typePos: Pos;
    }
  | { kind: 'select'; select: Select; pos: Pos };
