import {
  Kind, parse, print,
  type ArgumentNode, type DocumentNode, type FieldNode, type FragmentDefinitionNode,
  type OperationDefinitionNode, type SelectionNode, type SelectionSetNode,
} from 'graphql';

/**
 * Finds the one connection in an analyst's query and rewrites the query so the exporter can
 * page through it: `after` becomes a variable, `pageInfo` (and on request `totalCount`) is
 * added under private aliases. The connection is the first field, depth first, that selects
 * `nodes` or `edges`; it must be written in the operation itself (not in a named fragment),
 * and no field on the way to it may be a list (a page of one connection is a list of rows).
 */

export const AFTER_VARIABLE = '_exportAfter';
export const PAGE_INFO = '_export_pageInfo';
export const TOTAL = '_export_totalCount';
/** Page size when the query does not give `first`: the hub's maximum. */
export const DEFAULT_PAGE_SIZE = 100;

export interface ConnectionQuery {
  /** Response keys from `data` to the connection object. */
  path: string[];
  /** Field names (not aliases) from Query to the connection, for its type in the schema. */
  fieldNames: string[];
  /** `nodes` or `edges.node`: where the rows are in the connection object. */
  rows: 'nodes' | 'edges';
  /** The selection of one row, for the columns. */
  rowSelection: SelectionSetNode;
  fragments: Map<string, FragmentDefinitionNode>;
  /** The query text for every page; `withTotal` also asks for `totalCount` (for a progress bar). */
  text: string;
  withTotal: string;
}

const name = (value: string) => ({ kind: Kind.NAME, value }) as const;

function fieldsOf(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>): FieldNode[] {
  return set.selections.flatMap((s: SelectionNode): FieldNode[] => {
    if (s.kind === Kind.FIELD) return [s];
    if (s.kind === Kind.INLINE_FRAGMENT) return fieldsOf(s.selectionSet, fragments);
    const fragment = fragments.get(s.name.value);
    if (!fragment) throw new Error(`fragment ${s.name.value} is not defined`);
    return fieldsOf(fragment.selectionSet, fragments);
  });
}

const responseKey = (f: FieldNode) => f.alias?.value ?? f.name.value;

function isConnection(field: FieldNode, fragments: Map<string, FragmentDefinitionNode>): boolean {
  return !!field.selectionSet && fieldsOf(field.selectionSet, fragments).some((f) => f.name.value === 'nodes' || f.name.value === 'edges');
}

/** The response-key path to the connection, searching only fields written in `set` itself. */
function findPath(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>): FieldNode[] | null {
  for (const s of set.selections) {
    const inner = s.kind === Kind.FIELD ? null : s.kind === Kind.INLINE_FRAGMENT ? s.selectionSet : null;
    if (inner) { const found = findPath(inner, fragments); if (found) return found; continue; }
    if (s.kind !== Kind.FIELD || !s.selectionSet) continue;
    if (isConnection(s, fragments)) return [s];
    const below = findPath(s.selectionSet, fragments);
    if (below) return [s, ...below];
  }
  return null;
}

function pagedField(field: FieldNode, withTotal: boolean): FieldNode {
  const args: ArgumentNode[] = (field.arguments ?? []).filter((a) => a.name.value !== 'after');
  if (!args.some((a) => a.name.value === 'first')) {
    args.push({ kind: Kind.ARGUMENT, name: name('first'), value: { kind: Kind.INT, value: String(DEFAULT_PAGE_SIZE) } });
  }
  args.push({ kind: Kind.ARGUMENT, name: name('after'), value: { kind: Kind.VARIABLE, name: name(AFTER_VARIABLE) } });
  const pageInfo: FieldNode = {
    kind: Kind.FIELD, alias: name(PAGE_INFO), name: name('pageInfo'),
    selectionSet: { kind: Kind.SELECTION_SET, selections: ['hasNextPage', 'endCursor'].map((f) => ({ kind: Kind.FIELD, name: name(f) })) },
  };
  const total: FieldNode[] = withTotal ? [{ kind: Kind.FIELD, alias: name(TOTAL), name: name('totalCount') }] : [];
  return { ...field, arguments: args, selectionSet: { ...field.selectionSet!, selections: [...field.selectionSet!.selections, pageInfo, ...total] } };
}

/** `set` with the field at `path` replaced by `replace(field)`. */
function rewrite(set: SelectionSetNode, path: FieldNode[], replace: (f: FieldNode) => FieldNode): SelectionSetNode {
  const [head, ...rest] = path;
  return {
    ...set,
    selections: set.selections.map((s) => {
      if (s.kind === Kind.INLINE_FRAGMENT) return { ...s, selectionSet: rewrite(s.selectionSet, path, replace) };
      if (s !== head) return s;
      return rest.length ? { ...s, selectionSet: rewrite(s.selectionSet!, rest, replace) } : replace(s);
    }),
  };
}

export function connectionQuery(source: string, operationName?: string): ConnectionQuery {
  const document = parse(source);
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation) throw new Error(operationName ? `no operation named ${operationName}` : 'the query file must hold exactly one operation (or name one)');
  if (operation.operation !== 'query') throw new Error('only a query can be exported');
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const path = findPath(operation.selectionSet, fragments);
  if (!path) throw new Error('the query selects no connection (a field with `nodes` or `edges`) outside named fragments');
  const connection = path[path.length - 1];
  const fields = fieldsOf(connection.selectionSet!, fragments);
  const nodes = fields.find((f) => f.name.value === 'nodes');
  const edgeNode = nodes ? undefined : fields.find((f) => f.name.value === 'edges')?.selectionSet && fieldsOf(fields.find((f) => f.name.value === 'edges')!.selectionSet!, fragments).find((f) => f.name.value === 'node');
  const rowField = nodes ?? edgeNode;
  if (!rowField?.selectionSet) throw new Error('select the rows as `nodes { … }` or `edges { node { … } }`');
  if (nodes && responseKey(nodes) !== 'nodes') throw new Error('do not alias `nodes`');
  if (edgeNode && (responseKey(fields.find((f) => f.name.value === 'edges')!) !== 'edges' || responseKey(edgeNode) !== 'node')) throw new Error('do not alias `edges` or `node`');

  const build = (withTotal: boolean) => {
    const rewritten: OperationDefinitionNode = {
      ...operation,
      variableDefinitions: [
        ...(operation.variableDefinitions ?? []).filter((v) => v.variable.name.value !== AFTER_VARIABLE),
        { kind: Kind.VARIABLE_DEFINITION, variable: { kind: Kind.VARIABLE, name: name(AFTER_VARIABLE) }, type: { kind: Kind.NAMED_TYPE, name: name('String') } },
      ],
      selectionSet: rewrite(operation.selectionSet, path, (f) => pagedField(f, withTotal)),
    };
    const doc: DocumentNode = { ...document, definitions: [rewritten, ...fragments.values()] };
    return print(doc);
  };
  return {
    path: path.map(responseKey),
    fieldNames: path.map((f) => f.name.value),
    rows: nodes ? 'nodes' : 'edges',
    rowSelection: rowField.selectionSet,
    fragments,
    text: build(false),
    withTotal: build(true),
  };
}
