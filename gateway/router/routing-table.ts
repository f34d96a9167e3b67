import {
  Kind, parse, valueFromASTUntyped,
  type DirectiveNode, type DocumentNode, type FieldDefinitionNode, type ObjectTypeDefinitionNode, type TypeNode,
} from 'graphql';

/**
 * The routing rules of the regional contract, read from the @route and @ownerKey directives
 * in schema/region.graphql: the one place where routing is declared.
 */
export type RootRule =
  | { to: 'ID'; arg: string[] }
  | { to: 'EACH_ID'; arg: string[] }
  | { to: 'OWNER'; arg: string[] }
  | { to: 'ALL'; merge: 'connection'; ownerArg?: string[]; firstDefault: number; firstMax: number; nodeType: string }
  | { to: 'ALL'; merge: 'aggregate'; ownerArg?: string[]; aggregate: AggregateRule }
  | { to: 'ALL'; merge: 'feed'; ownerArg?: string[]; firstDefault: number; firstMax: number };

/** How the cells of an aggregate fan-out merge (from @merge on the cell type's fields). */
export interface AggregateRule {
  /** The list field holding the cells, e.g. `cells`. */
  list: string;
  /** Grouping fields; `sub` is the key of an entity-typed one (e.g. Municipality → code). */
  keys: { field: string; sub?: string[] }[];
  sums: { field: string; decimal: boolean }[];
  ratios: { field: string; numerator: string; denominator: string }[];
  suppressed: { field: string; below: number; flag: string }[];
}

export interface OwnerKey {
  field: string;
  globalId: boolean;
}

export interface RoutingTable {
  /** Keyed `Query.socialEnterprises`, `Mutation.updateOffering`, … */
  root: ReadonlyMap<string, RootRule>;
  /** How each entity type's representation names its owner. */
  entities: ReadonlyMap<string, OwnerKey>;
}

/** Largest page a connection serves (DESIGN.md §3). */
export const MAX_PAGE_SIZE = 100;

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

function directiveArgs(d: DirectiveNode): Record<string, unknown> {
  return Object.fromEntries((d.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]));
}

const namedType = (t: TypeNode): string => (t.kind === Kind.NAMED_TYPE ? t.name.value : namedType(t.type));

/** The node type of a connection type (the type of its `nodes` list). */
function connectionNodeType(connection: string, types: ReadonlyMap<string, ObjectTypeDefinitionNode>, where: string): string {
  const nodes = types.get(connection)?.fields?.find((f) => f.name.value === 'nodes');
  if (!nodes) throw new Error(`routing table: ${where} merges a connection, but ${connection} has no nodes field`);
  return namedType(nodes.type);
}

/** The aggregate rule of a result type: its one list of cells, and the cells' @merge fields. */
function aggregateRule(resultType: string, types: ReadonlyMap<string, ObjectTypeDefinitionNode>, where: string): AggregateRule {
  const isList = (t: TypeNode): boolean => (t.kind === Kind.NON_NULL_TYPE ? isList(t.type) : t.kind === Kind.LIST_TYPE);
  const lists = (types.get(resultType)?.fields ?? []).filter((f) => isList(f.type) && types.has(namedType(f.type)));
  if (lists.length !== 1) throw new Error(`routing table: ${where} aggregates ${resultType}, which needs exactly one list of cell objects`);
  const cellType = namedType(lists[0].type);
  const rule: AggregateRule = { list: lists[0].name.value, keys: [], sums: [], ratios: [], suppressed: [] };
  for (const f of types.get(cellType)?.fields ?? []) {
    const d = f.directives?.find((x) => x.name.value === 'merge');
    if (!d) continue;
    const a = directiveArgs(d);
    const name = f.name.value;
    if (a.key === true) {
      const keyDirective = types.get(namedType(f.type))?.directives?.find((x) => x.name.value === 'key');
      const sub = keyDirective ? String(directiveArgs(keyDirective).fields).split(/\s+/) : undefined;
      rule.keys.push({ field: name, ...(sub ? { sub } : {}) });
    }
    if (a.sum === true) rule.sums.push({ field: name, decimal: namedType(f.type) === 'Decimal' });
    if (typeof a.ratio === 'string') {
      const [numerator, denominator] = a.ratio.split('/');
      rule.ratios.push({ field: name, numerator, denominator });
    }
    if (typeof a.suppressBelow === 'number') rule.suppressed.push({ field: name, below: a.suppressBelow, flag: String(a.flag) });
  }
  return rule;
}

function ruleFor(typeName: string, field: FieldDefinitionNode, types: ReadonlyMap<string, ObjectTypeDefinitionNode>): RootRule {
  const where = `${typeName}.${field.name.value}`;
  const route = field.directives?.find((d) => d.name.value === 'route');
  if (!route) throw new Error(`routing table: ${where} has no @route rule`);
  const args = directiveArgs(route);
  const path = typeof args.arg === 'string' ? args.arg.split('.') : undefined;
  switch (args.to) {
    case 'ID':
    case 'EACH_ID':
    case 'OWNER':
      if (!path) throw new Error(`routing table: ${where} @route(to: "${args.to}") needs arg`);
      return { to: args.to, arg: path };
    case 'ALL': {
      if (typeName === 'Mutation') throw new Error(`routing table: mutation ${where} may not fan out`);
      if (args.merge === 'aggregate') return { to: 'ALL', merge: 'aggregate', ownerArg: path, aggregate: aggregateRule(namedType(field.type), types, where) };
      const first = field.arguments?.find((a) => a.name.value === 'first');
      const firstDefault = first?.defaultValue ? Number(valueFromASTUntyped(first.defaultValue)) : MAX_PAGE_SIZE;
      if (args.merge === 'feed') {
        if (!field.arguments?.some((a) => a.name.value === 'since')) throw new Error(`routing table: ${where} merges a feed, which needs a since argument`);
        return { to: 'ALL', merge: 'feed', ownerArg: path, firstDefault, firstMax: MAX_PAGE_SIZE };
      }
      if (args.merge !== 'connection') throw new Error(`routing table: ${where} has an unknown merge "${String(args.merge)}"`);
      const nodeType = connectionNodeType(namedType(field.type), types, where);
      return { to: 'ALL', merge: 'connection', ownerArg: path, firstDefault, firstMax: MAX_PAGE_SIZE, nodeType };
    }
    default:
      throw new Error(`routing table: ${where} has an unknown @route(to: "${String(args.to)}")`);
  }
}

export function buildRoutingTable(document: DocumentNode | string): RoutingTable {
  const doc = typeof document === 'string' ? parse(document) : document;
  const root = new Map<string, RootRule>();
  const entities = new Map<string, OwnerKey>();
  const types = new Map<string, ObjectTypeDefinitionNode>();
  for (const def of doc.definitions) if (def.kind === Kind.OBJECT_TYPE_DEFINITION) types.set(def.name.value, def);
  for (const def of doc.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const type = def as ObjectTypeDefinitionNode;
    const name = type.name.value;
    if (ROOT_TYPES.has(name)) {
      for (const field of type.fields ?? []) root.set(`${name}.${field.name.value}`, ruleFor(name, field, types));
      continue;
    }
    const ownerKey = type.directives?.find((d) => d.name.value === 'ownerKey');
    if (ownerKey) {
      const args = directiveArgs(ownerKey);
      entities.set(name, { field: String(args.field), globalId: args.globalId === true });
    }
  }
  return { root, entities };
}
