import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import { readSchemaFile } from '../../lib/schema-files.ts';
import type { RegionContext } from './context.ts';
import type { RealisationRow } from './data/contracts.ts';
import { loadRealisation } from './resolvers/social-return.ts';

/**
 * This owner's part of `region-links` (schema/region-links.graphql): for its own rows, the IDs
 * of targets that may live at another owner. The gateway fetches the targets' fields from
 * their owners; this service never reads another owner's data here.
 */
export function linksSchema(): GraphQLSchema {
  return buildSubgraphSchema({
    typeDefs: parse(readSchemaFile('region-links.graphql')),
    resolvers: {
      Realisation: {
        __resolveReference: (ref: { id: string }, ctx: RegionContext) => loadRealisation(ctx, ref.id),
        supplier: (r: RealisationRow) => (r.supplierId ? { id: r.supplierId } : null),
      },
    } as never,
  });
}
