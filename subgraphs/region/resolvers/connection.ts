import type { Page } from '../data/keyset.ts';

/**
 * A Relay connection of one owner. `totalCount` is a function: graphql-js calls it only when
 * the field is selected, so the count query runs only then.
 */
export function connection<Row>(page: Page<Row>, count: () => Promise<number>) {
  return {
    edges: page.rows.map((node, i) => ({ cursor: page.cursors[i], node })),
    nodes: page.rows,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: false,
      startCursor: page.cursors[0] ?? null,
      endCursor: page.cursors.at(-1) ?? null,
    },
    totalCount: count,
    // The router fills this in when it merges owners; a single owner always answered.
    missingOwners: [] as string[],
  };
}
