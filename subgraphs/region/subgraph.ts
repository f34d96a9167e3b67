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
import { Vacancy, VacancyMutation, vacancyQueries } from './resolvers/vacancies.ts';
import { CandidateMutation, CandidateProfile, candidateQueries, MatchedCandidate } from './resolvers/candidates.ts';
import { matchingQueries } from './resolvers/matching.ts';
import { Introduction, IntroductionMutation, introductionQueries } from './resolvers/introductions.ts';
import { Placement, PlacementMutation, placementQueries } from './resolvers/placements.ts';
import { Change, changeQueries } from './resolvers/changes.ts';
import { PartnerMutation } from './resolvers/partner-mutations.ts';
import { marketplaceQueries } from './resolvers/marketplace-statistics.ts';

/** The regional contract (schema/region.graphql) with its one implementation. */
export function regionSchema(): GraphQLSchema {
  return buildSubgraphSchema({
    typeDefs: parse(readSchemaFile('region.graphql')),
    // The resolver map's per-field types differ; buildSubgraphSchema takes them untyped.
    resolvers: {
      ...scalarResolvers,
      Query: {
        ...Query, ...socialReturnQueries, ...suggestionQueries, ...changeQueries, ...marketplaceQueries,
        ...vacancyQueries, ...candidateQueries, ...matchingQueries, ...introductionQueries, ...placementQueries,
      },
      Mutation: {
        ...Mutation, ...SocialReturnMutation, ...PartnerMutation,
        ...VacancyMutation, ...CandidateMutation, ...IntroductionMutation, ...PlacementMutation,
      },
      Change,
      SocialEnterprise, Offering, Region, Node, AuditEntry,
      Contract, SroiObligation, Realisation, BuildingBlock, ValuationRules,
      Vacancy, CandidateProfile, MatchedCandidate, Introduction, Placement,
    } as never,
  });
}
