import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../lib/errors.ts';

/** Shape limits on the client operation (graphql-armor), checked in validation, before planning. */
export interface ShapeLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
}

export const DEFAULT_SHAPE_LIMITS: ShapeLimits = { maxDepth: 12, maxAliases: 30, maxDirectives: 50 };

/** Refusals carry QUERY_TOO_COMPLEX (Apollo wraps validation errors; formatError restores the code). */
const tooComplex: GraphQLArmorRejectCallback = (ctx, error) => {
  ctx?.reportError(new GraphQLError(error.message, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX } }));
};

export function armor(limits: ShapeLimits, production: boolean) {
  const reject = { propagateOnRejection: false, onReject: [tooComplex] };
  return new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...reject },
    maxAliases: { n: limits.maxAliases, ...reject },
    maxDirectives: { n: limits.maxDirectives, ...reject },
    // Tokens are limited by the parser itself (parseOptions.maxTokens): one parse, not two.
    maxTokens: { enabled: false },
    // Our own cost estimate (cost.ts) knows `first` and the fan-out over owners.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: production },
  }).protect();
}
