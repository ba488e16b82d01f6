// The tree the parser builds and the compiler turns into closures. Offsets point into the source
// so runtime errors can still say line:col.

export type Literal =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'nil' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'blank' };

/** One step of a variable path: a literal key (`.name`, `["name"]`, `[0]`) or a computed one (`[other.path]`). */
export type PathStep = { readonly kind: 'key'; readonly key: string | number } | { readonly kind: 'expr'; readonly expr: Expr };

export type Expr =
  | { readonly kind: 'literal'; readonly literal: Literal; readonly offset: number }
  | { readonly kind: 'path'; readonly root: string; readonly steps: readonly PathStep[]; readonly offset: number }
  | { readonly kind: 'range'; readonly from: Expr; readonly to: Expr; readonly offset: number }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr; readonly offset: number };

export type BinaryOp = '==' | '!=' | '<' | '>' | '<=' | '>=' | 'contains' | 'and' | 'or';

export interface FilterCall {
  readonly name: string;
  readonly args: readonly Expr[];
  /** `name: value` arguments, e.g. default's `allow_false: true`. */
  readonly named: ReadonlyMap<string, Expr>;
  readonly offset: number;
}

export interface OutputNode {
  readonly kind: 'output';
  readonly expr: Expr;
  readonly filters: readonly FilterCall[];
  readonly offset: number;
}

export interface TextNode {
  readonly kind: 'text';
  readonly text: string;
}

export interface IfNode {
  readonly kind: 'if';
  /** `unless` is an if whose first branch is negated. */
  readonly branches: readonly { readonly test: Expr; readonly negate: boolean; readonly body: readonly Node[] }[];
  readonly otherwise: readonly Node[];
}

export interface ForNode {
  readonly kind: 'for';
  readonly variable: string;
  readonly collection: Expr;
  readonly limit: Expr | undefined;
  readonly offsetBy: Expr | undefined;
  readonly reversed: boolean;
  readonly body: readonly Node[];
  readonly otherwise: readonly Node[];
  readonly offset: number;
}

export type Node = TextNode | OutputNode | IfNode | ForNode;
