import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths.ts';

/** Where the SDL lives. Kept apart from gateway/compose.ts so services never load the composer. */
export const SCHEMA_DIR = join(ROOT, 'schema');
export const SUPERGRAPH_FILE = join(SCHEMA_DIR, 'supergraph.graphql');
export const API_SCHEMA_FILE = join(SCHEMA_DIR, 'api.graphql');

export function readSchemaFile(file: string): string {
  return readFileSync(join(SCHEMA_DIR, file), 'utf8');
}
