import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * Optional allow-list mode for frontends: only operations whose SHA-256 is in the manifest
 * run (a persisted-query manifest, `{ "<sha256>": "<query>" }`). Off unless configured.
 */
export function allowListPlugin(manifest: Record<string, string>): ApolloServerPlugin {
  const allowed = new Set(Object.entries(manifest).map(([hash, query]) => {
    const actual = createHash('sha256').update(query).digest('hex');
    if (actual !== hash) throw new Error(`allow-list entry ${hash} does not match its query`);
    return hash;
  }));
  return {
    async requestDidStart() {
      return {
        // Checked once the operation is known: errors thrown earlier are not request errors in Apollo Server.
        async didResolveOperation({ source }) {
          if (!allowed.has(createHash('sha256').update(source).digest('hex'))) {
            throw new GraphQLError('This operation is not on the allow-list of this hub.', {
              extensions: { code: 'PERSISTED_QUERY_NOT_ALLOWED', http: { status: 403 } },
            });
          }
        },
      };
    },
  };
}
