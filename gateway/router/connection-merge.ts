import type { FieldNode, FragmentDefinitionNode, GraphQLFormattedError } from 'graphql';
import { compareCursors, decodeCursor, type Cursor } from '../../lib/keyset-cursor.ts';
import { fieldNode, flattenFields, responseKey, withSelections } from './document.ts';

/**
 * The keyset connection merge: every owner returns its first `first` rows after the same
 * cursor; the router merge-sorts them by the cursors' sort keys (exactly Postgres' order),
 * cuts to `first`, and rebuilds whatever the client selected of the connection.
 */

/** Private aliases the router adds so it can merge even when the client selected no cursor. */
const EDGES = '_r_edges';
const MORE = '_r_more';

export function withMergeSelections(field: FieldNode): FieldNode {
  return withSelections(field, [fieldNode('edges', EDGES, ['cursor']), fieldNode('pageInfo', MORE, ['hasNextPage'])]);
}

export interface OwnerPage {
  owner: string;
  /** The owner's connection object, or null when it did not answer. */
  connection: Record<string, unknown> | null;
}

/** One edge of one owner's page, with its decoded cursor. */
export interface RankedEdge {
  page: Record<string, unknown>;
  index: number;
  owner: string;
  raw: string;
  cursor: Cursor;
}

/**
 * The first `first` edges over all owners' pages in Postgres' order, and whether any owner
 * has more. Shared by the merge and by the two-phase fetch (which must pick the same rows).
 */
export function rankEdges(pages: readonly OwnerPage[], first: number): { picked: RankedEdge[]; hasNextPage: boolean } {
  const items: RankedEdge[] = [];
  let ownerHasMore = false;
  for (const { owner, connection } of pages) {
    if (!connection) continue;
    const edges = (connection[EDGES] as { cursor: string }[] | undefined) ?? [];
    edges.forEach((edge, index) => {
      const cursor = decodeCursor(edge.cursor);
      if (!cursor) throw new Error(`owner ${owner} returned a cursor the router cannot read`);
      items.push({ page: connection, index, owner, raw: edge.cursor, cursor });
    });
    if ((connection[MORE] as { hasNextPage?: boolean } | undefined)?.hasNextPage) ownerHasMore = true;
  }
  items.sort((a, b) => compareCursors(a.cursor, b.cursor));
  return { picked: items.slice(0, first), hasNextPage: items.length > first || ownerHasMore };
}

export interface MergeResult {
  value: Record<string, unknown>;
  /** Owner error paths below the connection, re-pointed at the merged positions. */
  remapPath(owner: string, path: readonly (string | number)[]): (string | number)[] | null;
}

/** A merged page's `pageInfo` as the client selected it (forward paging only). */
export function pageInfoValue(
  field: FieldNode,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  page: { hasNextPage: boolean; startCursor: string | null; endCursor: string | null },
): Record<string, unknown> {
  const info: Record<string, unknown> = {};
  for (const f of flattenFields(field.selectionSet!, fragments, variables)) {
    const k = responseKey(f);
    switch (f.name.value) {
      case 'hasNextPage': info[k] = page.hasNextPage; break;
      case 'hasPreviousPage': info[k] = false; break;
      case 'startCursor': info[k] = page.startCursor; break;
      case 'endCursor': info[k] = page.endCursor; break;
      case '__typename': info[k] = 'PageInfo'; break;
    }
  }
  return info;
}

export function mergeConnections(
  field: FieldNode,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  pages: readonly OwnerPage[],
  first: number,
  missingOwners: readonly string[],
): MergeResult {
  const { picked, hasNextPage } = rankEdges(pages, first);
  const answered = pages.filter((p) => p.connection);

  const value: Record<string, unknown> = {};
  for (const sel of flattenFields(field.selectionSet!, fragments, variables)) {
    const key = responseKey(sel);
    switch (sel.name.value) {
      case 'edges':
      case 'nodes':
        value[key] = picked.map((p) => (p.page[key] as unknown[])[p.index]);
        break;
      case 'pageInfo':
        value[key] = pageInfoValue(sel, fragments, variables, { hasNextPage, startCursor: picked[0]?.raw ?? null, endCursor: picked.at(-1)?.raw ?? null });
        break;
      case 'totalCount': {
        const counts = answered.map((p) => p.connection![key]);
        value[key] = counts.some((c) => typeof c !== 'number') ? null : (counts as number[]).reduce((a, b) => a + b, 0);
        break;
      }
      case 'missingOwners':
        value[key] = [...missingOwners].sort();
        break;
      case '__typename':
        value[key] = answered[0]?.connection?.[key] ?? null;
        break;
      default:
        value[key] = answered[0]?.connection?.[key] ?? null;
    }
  }

  const position = new Map(picked.map((p, at) => [`${p.owner}\u0000${p.index}`, at]));
  return {
    value,
    remapPath(owner, path) {
      // [field, edges|nodes, i, ...] → the merged index, or dropped when the row was cut.
      if (typeof path[2] !== 'number') return [...path];
      const at = position.get(`${owner}\u0000${path[2]}`);
      return at === undefined ? null : [path[0], path[1], at, ...path.slice(3)];
    },
  };
}
