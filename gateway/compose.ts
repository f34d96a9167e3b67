import { writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { lexicographicSortSchema, parse, printSchema } from 'graphql';
import { API_SCHEMA_FILE, readSchemaFile, SUPERGRAPH_FILE } from '../lib/schema-files.ts';

export { API_SCHEMA_FILE, readSchemaFile, SUPERGRAPH_FILE };

/**
 * The subgraphs as composed. `region` is composed ONCE: at run time its data source is the
 * owner router over every regional deployment, so its URL here is only a name.
 */
export const SUBGRAPHS = [
  { name: 'catalog', file: 'catalog.graphql', url: 'http://catalog.internal/graphql' },
  { name: 'region', file: 'region.graphql', url: 'http://owner-router.internal/graphql' },
  // Served by the same regional services at /links/graphql, routed by the same router.
  { name: 'region-links', file: 'region-links.graphql', url: 'http://owner-router.internal/links/graphql' },
] as const;


export interface Composed {
  supergraphSdl: string;
  /** The public API schema (no federation internals) for client code generators. */
  apiSdl: string;
}

export function compose(): Composed {
  const result = composeServices(
    SUBGRAPHS.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(readSchemaFile(s.file)) })),
  );
  if (result.errors) {
    throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  const api = result.schema.toAPISchema().toGraphQLJSSchema();
  return {
    supergraphSdl: `${result.supergraphSdl.trimEnd()}\n`,
    apiSdl: `${printSchema(lexicographicSortSchema(api))}\n`,
  };
}


if (import.meta.url === `file://${process.argv[1]}`) {
  const composed = compose();
  writeFileSync(SUPERGRAPH_FILE, composed.supergraphSdl);
  writeFileSync(API_SCHEMA_FILE, composed.apiSdl);
  console.log(`wrote ${SUPERGRAPH_FILE} and ${API_SCHEMA_FILE}`);
}
