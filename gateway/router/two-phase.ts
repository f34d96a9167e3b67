import {
  Kind, print,
  type FieldNode, type FragmentDefinitionNode, type GraphQLFormattedError, type OperationDefinitionNode,
  type SelectionNode, type SelectionSetNode, type VariableDefinitionNode,
} from 'graphql';
import type { RankedEdge } from './connection-merge.ts';
import { flattenFields, operationWith, responseKey } from './document.ts';

/**
 * Keys first, bodies second. A fan-out page of N rows asks every owner for N rows; with a
 * heavy node selection (each enterprise with its offerings) the owners render owners × N
 * bodies and the router throws (owners − 1) × N away. In two phases the owners first return
 * only cursors (which carry the global IDs), the router picks the page, and then asks each
 * owner for the bodies of just its picked rows through `_entities`: one more hop, a third of
 * the rendering (bench scenario f).
 */
export interface TwoPhase {
  /** The connection field without the node bodies, sent in phase 1. */
  thin: FieldNode;
  /** Where the client reads bodies: `nodes`, or `edges { node }` (cursor and __typename besides). */
  carrier:
    | { kind: 'nodes'; key: string }
    | { kind: 'edges'; key: string; nodeKey: string; cursorKeys: string[]; typenameKeys: string[] };
  /** Phase 2, printed once: `_entities(representations: $_r_reps) { ... on NodeType { <body> } }`. */
  bodiesQuery: string;
  /** The client's variables the phase-2 query uses. */
  bodiesVariables: string[];
  nodeType: string;
}

const REPS = '_r_reps';
const STUB_FIELDS = new Set(['__typename', 'id', 'code']);

/** A node selection is heavy when it reads more of a nested object than its key. */
function isHeavy(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>): boolean {
  return flattenFields(set, fragments).some((f) => f.selectionSet
    && flattenFields(f.selectionSet, fragments).some((sub) => !STUB_FIELDS.has(sub.name.value)));
}

const hasDirectives = (s: SelectionNode) => (s.directives?.length ?? 0) > 0;

/**
 * The two-phase form of a fan-out connection field, or null when one phase is as good (a
 * light node selection) or the shape is one the router does not rewrite (@skip/@include on
 * the carrier, bodies in both `nodes` and `edges`).
 */
export function planTwoPhase(
  field: FieldNode,
  mergeSelections: (f: FieldNode) => FieldNode,
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
  nodeType: string,
): TwoPhase | null {
  const selections = field.selectionSet?.selections ?? [];
  if (selections.some((s) => s.kind !== Kind.FIELD)) return null;
  const fields = selections as FieldNode[];
  const carriers = fields.filter((f) => f.name.value === 'nodes' || f.name.value === 'edges');
  if (carriers.length !== 1 || hasDirectives(carriers[0]) || !carriers[0].selectionSet) return null;
  const carrierField = carriers[0];
  let body: SelectionSetNode;
  let carrier: TwoPhase['carrier'];
  if (carrierField.name.value === 'nodes') {
    body = carrierField.selectionSet!;
    carrier = { kind: 'nodes', key: responseKey(carrierField) };
  } else {
    const edgeFields = carrierField.selectionSet!.selections;
    if (edgeFields.some((s) => s.kind !== Kind.FIELD || hasDirectives(s))) return null;
    const byName = (name: string) => (edgeFields as FieldNode[]).filter((f) => f.name.value === name);
    const node = byName('node');
    if (node.length !== 1 || !node[0].selectionSet || byName('cursor').length + byName('__typename').length + 1 !== edgeFields.length) return null;
    body = node[0].selectionSet;
    carrier = {
      kind: 'edges', key: responseKey(carrierField), nodeKey: responseKey(node[0]),
      cursorKeys: byName('cursor').map(responseKey), typenameKeys: byName('__typename').map(responseKey),
    };
  }
  if (!isHeavy(body, fragments)) return null;

  const thin = mergeSelections({ ...field, selectionSet: { kind: Kind.SELECTION_SET, selections: fields.filter((f) => f !== carrierField) } });
  const entities: FieldNode = {
    kind: Kind.FIELD,
    name: { kind: Kind.NAME, value: '_entities' },
    arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'representations' }, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: REPS } } }],
    selectionSet: { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.INLINE_FRAGMENT, typeCondition: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: nodeType } }, selectionSet: body }] },
  };
  const repsDefinition: VariableDefinitionNode = {
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: REPS } },
    type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.LIST_TYPE, type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: '_Any' } } } } },
  };
  const withReps: OperationDefinitionNode = { ...operation, variableDefinitions: [...(operation.variableDefinitions ?? []), repsDefinition] };
  const bodies = operationWith(withReps, [entities], fragments);
  const used = (bodies.definitions[0] as OperationDefinitionNode).variableDefinitions ?? [];
  return {
    thin, carrier, nodeType,
    bodiesQuery: print(bodies),
    bodiesVariables: used.map((v) => v.variable.name.value).filter((n) => n !== REPS),
  };
}

/** Phase-2 variables for one owner: its picked rows as representations. */
export function bodyVariables(plan: TwoPhase, picked: readonly RankedEdge[], variables: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.fromEntries(plan.bodiesVariables.filter((n) => n in variables).map((n) => [n, variables[n]]));
  out[REPS] = picked.map((p) => ({ __typename: plan.nodeType, id: p.cursor.id }));
  return out;
}

/**
 * Puts one owner's phase-2 bodies into its phase-1 connection object, where the merge reads
 * them (`connection[carrier][index]`), and re-points the bodies' error paths there too.
 */
export function fillBodies(
  plan: TwoPhase,
  fieldKey: string,
  connection: Record<string, unknown>,
  picked: readonly RankedEdge[],
  bodies: readonly unknown[],
  errors: readonly GraphQLFormattedError[],
): { connection: Record<string, unknown>; errors: GraphQLFormattedError[] } {
  const { carrier } = plan;
  const list: unknown[] = [];
  picked.forEach((p, j) => {
    const node = bodies[j] ?? null;
    if (carrier.kind === 'nodes') { list[p.index] = node; return; }
    const edge: Record<string, unknown> = { [carrier.nodeKey]: node };
    for (const k of carrier.cursorKeys) edge[k] = p.raw;
    for (const k of carrier.typenameKeys) edge[k] = `${plan.nodeType}Edge`;
    list[p.index] = edge;
  });
  const moved = errors.map((e): GraphQLFormattedError => {
    const j = e.path?.[1];
    if (e.path?.[0] !== '_entities' || typeof j !== 'number' || !picked[j]) return e;
    const at = [fieldKey, carrier.key, picked[j].index, ...(carrier.kind === 'edges' ? [carrier.nodeKey] : [])];
    return { ...e, path: [...at, ...e.path.slice(2)] };
  });
  return { connection: { ...connection, [carrier.key]: list }, errors: moved };
}
