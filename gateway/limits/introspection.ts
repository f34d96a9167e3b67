import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import { ErrorCode } from '../../lib/errors.ts';
import type { Identity, Role } from '../../lib/identity.ts';

/**
 * Introspection per role. Apollo Server's `introspection` switch is global, so in production
 * it stays on and this rule refuses `__schema` / `__type` to roles that are not allowed it.
 */
function introspects(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): boolean {
  return set.selections.some((s) => {
    if (s.kind === Kind.FIELD) return s.name.value === '__schema' || s.name.value === '__type';
    if (s.kind === Kind.INLINE_FRAGMENT) return introspects(s.selectionSet, fragments, seen);
    if (seen.has(s.name.value)) return false;
    seen.add(s.name.value);
    const f = fragments.get(s.name.value);
    return f ? introspects(f.selectionSet, fragments, seen) : false;
  });
}

export function introspectionPlugin(allowed: readonly Role[] | 'everyone'): ApolloServerPlugin<{ identity: Identity }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue }) {
          if (!operation || allowed === 'everyone' || contextValue.identity.roles.some((r) => allowed.includes(r))) return;
          const fragments = new Map<string, FragmentDefinitionNode>();
          for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
          if (introspects(operation.selectionSet, fragments)) {
            throw new GraphQLError('Introspection is not available for your role.', {
              extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } },
            });
          }
        },
      };
    },
  };
}
