import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType, GraphQLError, isListType, isNonNullType, Kind, valueFromASTUntyped,
  type FragmentDefinitionNode, type GraphQLField, type GraphQLNamedType, type GraphQLObjectType, type GraphQLOutputType,
  type GraphQLSchema, type SelectionSetNode, isObjectType, isInterfaceType, isUnionType,
} from 'graphql';
import { ErrorCode } from '../../lib/errors.ts';
import type { Identity, Role } from '../../lib/identity.ts';
import type { RoutingTable } from '../router/routing-table.ts';

/**
 * The cost estimate of a client operation, before planning: every field costs 1; a field
 * with a `first` argument multiplies what is below it by `first` (its default when absent);
 * another list multiplies by `LIST_ESTIMATE`; a root field that fans out multiplies by the
 * number of owners (generic cost plugins know neither). Budgets depend on the role.
 */
export const LIST_ESTIMATE = 10;

export const DEFAULT_BUDGETS: Record<Role, number> = {
  public: 25_000,
  contractor: 50_000,
  municipality: 50_000,
  wsp: 50_000,
  partner: 100_000,
  analyst: 1_000_000,
  service: 100_000,
};

function unwrapsToList(type: GraphQLOutputType): boolean {
  const t = isNonNullType(type) ? type.ofType : type;
  return isListType(t);
}

export function estimateCost(
  schema: GraphQLSchema,
  operation: { operation: 'query' | 'mutation' | 'subscription'; selectionSet: SelectionSetNode },
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  fanOut: (rootField: string, args: Record<string, unknown>) => number,
): number {
  const memo = new Map<string, number>();
  const costOf = (set: SelectionSetNode, parent: GraphQLNamedType, isRoot: boolean): number => {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        const on = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) ?? parent : parent;
        total += costOf(sel.selectionSet, on, isRoot);
      } else if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const name = sel.name.value;
        if (!memo.has(name)) {
          const frag = fragments[name];
          memo.set(name, 0); // a cycle costs nothing more (validation refuses cycles anyway)
          memo.set(name, frag ? costOf(frag.selectionSet, schema.getType(frag.typeCondition.name.value) ?? parent, isRoot) : 0);
        }
        total += memo.get(name)!;
      } else {
        const fieldName = sel.name.value;
        if (fieldName.startsWith('__')) { total += 1; continue; }
        const field = fieldOf(parent, fieldName);
        if (!field) { total += 1; continue; }
        const args = Object.fromEntries((sel.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value, variables)]));
        const firstArg = field.args.find((a) => a.name === 'first');
        const inConnection = parent.name.endsWith('Connection') && (fieldName === 'edges' || fieldName === 'nodes');
        let multiplier = 1;
        if (firstArg) multiplier = Number(args.first ?? firstArg.defaultValue ?? LIST_ESTIMATE);
        else if (unwrapsToList(field.type) && !inConnection) multiplier = LIST_ESTIMATE;
        const below = sel.selectionSet ? costOf(sel.selectionSet, getNamedType(field.type), false) : 0;
        const owners = isRoot ? fanOut(fieldName, args) : 1;
        total += owners * (1 + multiplier * below);
      }
    }
    return total;
  };
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  return root ? costOf(operation.selectionSet, root, true) : 0;
}

function fieldOf(type: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (isObjectType(type) || isInterfaceType(type)) return (type as GraphQLObjectType).getFields()[name];
  if (isUnionType(type)) return undefined;
  return undefined;
}

export function budgetFor(identity: Identity, budgets: Record<Role, number>): number {
  return Math.max(...identity.roles.map((r) => budgets[r] ?? budgets.public));
}

/** Refuses operations over the caller's budget before the gateway plans or fetches anything. */
export function costLimitPlugin(
  table: RoutingTable,
  ownerCount: () => number,
  budgets: Record<Role, number>,
): ApolloServerPlugin<{ identity: Identity }> {
  const fanOut = (field: string, args: Record<string, unknown>) => {
    const rule = table.root.get(`Query.${field}`);
    if (rule?.to !== 'ALL') return 1;
    const named = rule.ownerArg?.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), args);
    return named == null ? ownerCount() : 1;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, operation, document, request, contextValue }) {
          if (!operation) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
          const cost = estimateCost(schema, operation, fragments, request.variables ?? {}, fanOut);
          const budget = budgetFor(contextValue.identity, budgets);
          if (cost > budget) {
            throw new GraphQLError(
              `This operation is estimated at ${cost} (lists count by their \`first\`, fan-outs by the number of owners); the budget for your role is ${budget}. Ask for smaller pages.`,
              { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, cost, budget, http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}
