import {
  Kind, visit,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode,
  type SelectionNode, type SelectionSetNode, valueFromASTUntyped,
} from 'graphql';

/** graphql-js AST helpers the router uses to split one subgraph operation per owner. */

export function fragmentsOf(doc: DocumentNode): Map<string, FragmentDefinitionNode> {
  const map = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) map.set(d.name.value, d);
  return map;
}

export function responseKey(field: FieldNode): string {
  return field.alias?.value ?? field.name.value;
}

function isSkipped(node: SelectionNode, variables: Record<string, unknown>): boolean {
  for (const d of node.directives ?? []) {
    if (d.name.value !== 'skip' && d.name.value !== 'include') continue;
    const arg = d.arguments?.find((a) => a.name.value === 'if');
    const value = arg ? Boolean(valueFromASTUntyped(arg.value, variables)) : false;
    if (d.name.value === 'skip' ? value : !value) return true;
  }
  return false;
}

/**
 * The fields of a selection set with fragments spread in (type conditions ignored: the
 * router only flattens root and connection selections, whose type is known).
 */
export function flattenFields(
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> = {},
): FieldNode[] {
  const out: FieldNode[] = [];
  const walk = (s: SelectionSetNode) => {
    for (const sel of s.selections) {
      if (isSkipped(sel, variables)) continue;
      if (sel.kind === Kind.FIELD) out.push(sel);
      else if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet);
      else {
        const frag = fragments.get(sel.name.value);
        if (frag) walk(frag.selectionSet);
      }
    }
  };
  walk(set);
  return out;
}

/** The value of an argument path such as `filter.owner`, variables applied. */
export function argumentAt(field: FieldNode, path: readonly string[], variables: Record<string, unknown>): unknown {
  const arg = field.arguments?.find((a) => a.name.value === path[0]);
  if (!arg) return undefined;
  let value: unknown = valueFromASTUntyped(arg.value, variables);
  for (const key of path.slice(1)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * One operation holding only `fields`, with the variables and fragments those fields use
 * (an owner refuses an operation that declares unused ones).
 */
export function operationWith(
  operation: OperationDefinitionNode,
  fields: readonly FieldNode[],
  fragments: Map<string, FragmentDefinitionNode>,
): DocumentNode {
  const selectionSet: SelectionSetNode = { kind: Kind.SELECTION_SET, selections: fields };
  const usedFragments = new Set<string>();
  const usedVariables = new Set<string>();
  const collect = (node: SelectionSetNode | FragmentDefinitionNode) => {
    visit(node, {
      Variable: (v) => { usedVariables.add(v.name.value); },
      FragmentSpread: (s) => {
        const name = s.name.value;
        if (usedFragments.has(name)) return;
        usedFragments.add(name);
        const frag = fragments.get(name);
        if (frag) collect(frag);
      },
    });
  };
  collect(selectionSet);
  const op: OperationDefinitionNode = {
    ...operation,
    variableDefinitions: operation.variableDefinitions?.filter((v) => usedVariables.has(v.variable.name.value)),
    selectionSet,
  };
  return {
    kind: Kind.DOCUMENT,
    definitions: [op, ...[...fragments.values()].filter((f) => usedFragments.has(f.name.value))],
  };
}

/** The variable names a document uses. */
export function variablesUsed(doc: DocumentNode): Set<string> {
  const used = new Set<string>();
  for (const def of doc.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const v of def.variableDefinitions ?? []) used.add(v.variable.name.value);
  }
  return used;
}

/** `field` with argument `name` replaced by a list of string literals. */
export function withListArgument(field: FieldNode, name: string, values: readonly string[]): FieldNode {
  return {
    ...field,
    arguments: field.arguments?.map((a) => a.name.value !== name ? a : {
      ...a,
      value: { kind: Kind.LIST, values: values.map((v) => ({ kind: Kind.STRING, value: v })) },
    }),
  };
}

/** `field` with extra selections appended (the router's private aliases). */
export function withSelections(field: FieldNode, extra: readonly FieldNode[]): FieldNode {
  const existing = field.selectionSet?.selections ?? [];
  return { ...field, selectionSet: { kind: Kind.SELECTION_SET, selections: [...existing, ...extra] } };
}

/** `alias: name { sub }` as an AST node. */
export function fieldNode(name: string, alias?: string, sub?: readonly string[]): FieldNode {
  return {
    kind: Kind.FIELD,
    name: { kind: Kind.NAME, value: name },
    alias: alias ? { kind: Kind.NAME, value: alias } : undefined,
    selectionSet: sub ? { kind: Kind.SELECTION_SET, selections: sub.map((s) => fieldNode(s)) } : undefined,
  };
}
