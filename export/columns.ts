import {
  getNamedType, isCompositeType, isObjectType, isInterfaceType, Kind,
  type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLSchema, type SelectionSetNode,
} from 'graphql';

/**
 * The CSV columns of a row: one per leaf field of the row's selection, named by its path of
 * response keys (`municipality.name`), known from the query before the first page arrives so
 * the header never depends on which values happen to be null. A list on the way (e.g.
 * `recognitions { scheme }`) gives one cell with its values joined by " | ". Each column knows
 * its GraphQL leaf type from the hub's public schema (schema/api.graphql), so only Decimal and
 * Float values get a decimal comma, never a text that happens to look like "2025.01".
 */

export interface Column {
  header: string;
  path: string[];
  /** The leaf's named GraphQL type; undefined when the schema does not know the field. */
  type?: string;
}

/** The type of one row: the connection found by following `fieldNames` from Query, then `nodes` or `edges.node`. */
export function rowTypeOf(schema: GraphQLSchema, fieldNames: readonly string[], rows: 'nodes' | 'edges'): GraphQLCompositeType | undefined {
  let type: GraphQLCompositeType | undefined = schema.getQueryType() ?? undefined;
  for (const name of [...fieldNames, ...(rows === 'nodes' ? ['nodes'] : ['edges', 'node'])]) type = fieldType(type, name);
  return type;
}

function fieldType(parent: GraphQLCompositeType | undefined, name: string): GraphQLCompositeType | undefined {
  const field = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
  const type = field ? getNamedType(field.type) : undefined;
  return type && isCompositeType(type) ? type : undefined;
}

function leafTypeName(parent: GraphQLCompositeType | undefined, name: string): string | undefined {
  const field = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
  return field ? getNamedType(field.type).name : undefined;
}

export const LIST_SEPARATOR = ' | ';

export function columnsOf(
  set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, type?: GraphQLCompositeType, schema?: GraphQLSchema, prefix: string[] = [],
): Column[] {
  const columns: Column[] = [];
  const seen = new Set<string>();
  const add = (c: Column) => { if (!seen.has(c.header)) { seen.add(c.header); columns.push(c); } };
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) {
      const path = [...prefix, s.alias?.value ?? s.name.value];
      if (s.selectionSet) columnsOf(s.selectionSet, fragments, fieldType(type, s.name.value), schema, path).forEach(add);
      else add({ header: path.join('.'), path, type: leafTypeName(type, s.name.value) });
    } else {
      const fragment = s.kind === Kind.INLINE_FRAGMENT ? s : fragments.get(s.name.value);
      if (!fragment) throw new Error(`fragment ${s.kind === Kind.FRAGMENT_SPREAD ? s.name.value : ''} is not defined`);
      const condition = fragment.typeCondition && schema?.getType(fragment.typeCondition.name.value);
      const inner = condition && isCompositeType(condition) ? condition : type;
      columnsOf(fragment.selectionSet, fragments, inner, schema, prefix).forEach(add);
    }
  }
  return columns;
}

function leaves(value: unknown, path: readonly string[]): unknown[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((v) => leaves(v, path));
  if (!path.length) return [value];
  return leaves((value as Record<string, unknown>)[path[0]], path.slice(1));
}

/** The cell value of `column` in `row`: null when absent, a scalar, or list values joined. */
export function cellOf(row: unknown, column: Column): unknown {
  let value: unknown = row;
  for (const [i, key] of column.path.entries()) {
    if (value === null || value === undefined) return null;
    if (Array.isArray(value)) {
      return leaves(value, column.path.slice(i)).map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(LIST_SEPARATOR);
    }
    value = (value as Record<string, unknown>)[key];
  }
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(LIST_SEPARATOR);
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value ?? null;
}
