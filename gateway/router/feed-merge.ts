import { Kind, type FieldNode, type FragmentDefinitionNode } from 'graphql';
import { pageInfoValue } from './connection-merge.ts';
import { fieldNode, flattenFields, responseKey, withSelections } from './document.ts';

/**
 * The feed merge: a change feed fans out to every owner, each from its own position. The
 * client's cursor is a vector (one opaque position per owner; an owner missing from it starts
 * at the beginning), so owners that write at different rates never hold each other back.
 * The router sends each owner its own position, takes the owners' changes in turns (each
 * owner's in its own order), and gives every edge the vector after it.
 */

const EDGES = '_r_edges';
const MORE = '_r_more';

export type FeedVector = Record<string, string>;

/** Null when the text is not a cursor of the feed. `null`/absent is the start. */
export function decodeVector(text: unknown): FeedVector | null {
  if (text == null) return {};
  if (typeof text !== 'string') return null;
  try {
    const parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as { feed?: unknown };
    const feed = parsed?.feed;
    if (!feed || typeof feed !== 'object' || Array.isArray(feed)) return null;
    if (!Object.values(feed).every((v) => typeof v === 'string' && v.length <= 64)) return null;
    return feed as FeedVector;
  } catch {
    return null;
  }
}

/** Owner codes sorted, so equal vectors encode the same. */
export function encodeVector(vector: FeedVector): string {
  const sorted = Object.fromEntries(Object.keys(vector).sort().map((k) => [k, vector[k]]));
  return Buffer.from(JSON.stringify({ feed: sorted }), 'utf8').toString('base64url');
}

/** The field as one owner gets it: its own position as `since`, and the selections the merge needs. */
export function feedFieldFor(field: FieldNode, position: string | undefined): FieldNode {
  const others = (field.arguments ?? []).filter((a) => a.name.value !== 'since');
  const since = position === undefined ? [] : [{
    kind: Kind.ARGUMENT as const,
    name: { kind: Kind.NAME as const, value: 'since' },
    value: { kind: Kind.STRING as const, value: position },
  }];
  return withSelections({ ...field, arguments: [...others, ...since] }, [fieldNode('edges', EDGES, ['cursor']), fieldNode('pageInfo', MORE, ['hasNextPage'])]);
}

export interface OwnerFeedPage {
  owner: string;
  /** The owner's feed object, or null when it did not answer. */
  feed: Record<string, unknown> | null;
}

export function mergeFeeds(
  field: FieldNode,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  start: FeedVector,
  pages: readonly OwnerFeedPage[],
  first: number,
  missingOwners: readonly string[],
): { value: Record<string, unknown>; remapPath(owner: string, path: readonly (string | number)[]): (string | number)[] | null } {
  const queues = pages.filter((p) => p.feed).map((p) => ({
    owner: p.owner,
    feed: p.feed!,
    cursors: ((p.feed![EDGES] as { cursor: string }[] | undefined) ?? []).map((e) => e.cursor),
    taken: 0,
  })).sort((a, b) => (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0));

  // Round robin over owners: a busy owner cannot crowd a quiet one out of the page.
  const picked: { owner: string; feed: Record<string, unknown>; index: number; vector: string }[] = [];
  const position: FeedVector = { ...start };
  let progressed = true;
  while (picked.length < first && progressed) {
    progressed = false;
    for (const q of queues) {
      if (picked.length >= first || q.taken >= q.cursors.length) continue;
      position[q.owner] = q.cursors[q.taken];
      picked.push({ owner: q.owner, feed: q.feed, index: q.taken, vector: encodeVector(position) });
      q.taken++;
      progressed = true;
    }
  }
  const hasNextPage = queues.some((q) => q.taken < q.cursors.length
    || Boolean((q.feed[MORE] as { hasNextPage?: boolean } | undefined)?.hasNextPage));
  const endCursor = encodeVector(position);

  const value: Record<string, unknown> = {};
  for (const sel of flattenFields(field.selectionSet!, fragments, variables)) {
    const key = responseKey(sel);
    switch (sel.name.value) {
      case 'edges':
        value[key] = picked.map((p) => {
          const edge = { ...((p.feed[key] as Record<string, unknown>[])[p.index]) };
          // The owner's cursor is its own position; the client gets the vector after this edge.
          for (const f of flattenFields(sel.selectionSet!, fragments, variables)) if (f.name.value === 'cursor') edge[responseKey(f)] = p.vector;
          return edge;
        });
        break;
      case 'nodes':
        value[key] = picked.map((p) => (p.feed[key] as unknown[])[p.index]);
        break;
      case 'pageInfo':
        value[key] = pageInfoValue(sel, fragments, variables, { hasNextPage, startCursor: picked[0]?.vector ?? endCursor, endCursor });
        break;
      case 'missingOwners':
        value[key] = [...missingOwners].sort();
        break;
      default:
        value[key] = queues[0]?.feed[key] ?? null;
    }
  }
  const at = new Map(picked.map((p, i) => [`${p.owner}\u0000${p.index}`, i]));
  return {
    value,
    remapPath(owner, path) {
      // [field, edges|nodes, i, ...] → the merged index, or dropped when the change was left for the next page.
      if (typeof path[2] !== 'number') return [path[0]];
      const i = at.get(`${owner}\u0000${path[2]}`);
      return i === undefined ? null : [path[0], path[1], i, ...path.slice(3)];
    },
  };
}
