import { Kind, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * The CSV columns of a row: one per leaf field of the row's selection, named by its path of
 * response keys (`municipality.name`), known from the query before the first page arrives so
 * the header never depends on which values happen to be null. A list on the way (e.g.
 * `recognitions { scheme }`) gives one cell with its values joined by " | ".
 */

export interface Column {
  header: string;
  path: string[];
}

export const LIST_SEPARATOR = ' | ';

export function columnsOf(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, prefix: string[] = []): Column[] {
  const columns: Column[] = [];
  const seen = new Set<string>();
  const add = (c: Column) => { if (!seen.has(c.header)) { seen.add(c.header); columns.push(c); } };
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) {
      const path = [...prefix, s.alias?.value ?? s.name.value];
      if (s.selectionSet) columnsOf(s.selectionSet, fragments, path).forEach(add);
      else add({ header: path.join('.'), path });
    } else {
      const inner = s.kind === Kind.INLINE_FRAGMENT ? s.selectionSet : fragments.get(s.name.value)?.selectionSet;
      if (!inner) throw new Error(`fragment ${s.kind === Kind.FRAGMENT_SPREAD ? s.name.value : ''} is not defined`);
      columnsOf(inner, fragments, prefix).forEach(add);
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
