import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import { parse } from 'graphql';
import { readSchemaFile } from '../../lib/schema-files.ts';
import { scalarResolvers } from '../../lib/scalars.ts';
import { Mutation } from './resolvers/mutation.ts';
import { Query } from './resolvers/query.ts';
import { AuditEntry, Node, Offering, Region, SocialEnterprise } from './resolvers/types.ts';
import { BuildingBlock, Contract, Realisation, socialReturnQueries, SroiObligation, ValuationRules } from './resolvers/social-return.ts';
import { SocialReturnMutation } from './resolvers/social-return-mutations.ts';
import { suggestionQueries } from './resolvers/suggestions.ts';
import { marketplaceQueries } from './resolvers/marketplace-statistics.ts';

/** The regional contract (schema/region.graphql) with its one implementation. */
export function regionSchema(): GraphQLSchema {
  return buildSubgraphSchema({
    typeDefs: parse(readSchemaFile('region.graphql')),
    // The resolver map's per-field types differ; buildSubgraphSchema takes them untyped.
    resolvers: {
      ...scalarResolvers,
      Query: { ...Query, ...socialReturnQueries, ...suggestionQueries, ...marketplaceQueries },
      Mutation: { ...Mutation, ...SocialReturnMutation },
      SocialEnterprise, Offering, Region, Node, AuditEntry,
      Contract, SroiObligation, Realisation, BuildingBlock, ValuationRules,
    } as never,
  });
}
