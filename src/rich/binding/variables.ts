import type { Expr, FilterCall, Node } from './ast.ts';

// Static list of the data paths a template reads, for slot contracts (does the schema provide
// everything?) and editor hints. Loop variables are rewritten to their collection: in
// `{% for item in order.items %}{{ item.sku }}` the path is `order.items[].sku`.

export function formatKey(key: string | number): string {
  if (typeof key === 'number') return `[${key}]`;
  return /^[A-Za-z_][\w-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

export function variablesOf(nodes: readonly Node[]): string[] {
  const found = new Set<string>();
  walk(nodes, new Map(), found);
  return [...found];
}

type Bindings = ReadonlyMap<string, string | null>;

function walk(nodes: readonly Node[], scope: Bindings, found: Set<string>): void {
  for (const node of nodes) {
    switch (node.kind) {
      case 'text':
        break;
      case 'output':
        expr(node.expr, scope, found);
        filters(node.filters, scope, found);
        break;
      case 'if':
        for (const b of node.branches) {
          expr(b.test, scope, found);
          walk(b.body, scope, found);
        }
        walk(node.otherwise, scope, found);
        break;
      case 'for': {
        const collection = expr(node.collection, scope, found);
        if (node.limit) expr(node.limit, scope, found);
        if (node.offsetBy) expr(node.offsetBy, scope, found);
        const inner = new Map(scope);
        inner.set(node.variable, collection === null ? null : `${collection}[]`);
        inner.set('forloop', null);
        walk(node.body, inner, found);
        walk(node.otherwise, scope, found);
        break;
      }
    }
  }
}

function filters(calls: readonly FilterCall[], scope: Bindings, found: Set<string>): void {
  for (const call of calls) {
    for (const a of call.args) expr(a, scope, found);
    for (const a of call.named.values()) expr(a, scope, found);
  }
}

/** Records the paths in `e`; returns the path string when `e` itself is a data path. */
function expr(e: Expr, scope: Bindings, found: Set<string>): string | null {
  switch (e.kind) {
    case 'literal':
      return null;
    case 'range':
      expr(e.from, scope, found);
      expr(e.to, scope, found);
      return null;
    case 'binary':
      expr(e.left, scope, found);
      expr(e.right, scope, found);
      return null;
    case 'path': {
      let path = scope.has(e.root) ? scope.get(e.root)! : e.root;
      for (const step of e.steps) {
        if (step.kind === 'expr') expr(step.expr, scope, found);
        if (path !== null) path += step.kind === 'key' ? formatKey(step.key) : '[]';
      }
      if (path !== null) found.add(path);
      return path;
    }
  }
}
