import { parse, Kind, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { decodeVector, encodeVector } from '../../gateway/router/feed-merge.ts';
import { OwnerRouter } from '../../gateway/router/owner-router.ts';
import { buildRoutingTable } from '../../gateway/router/routing-table.ts';
import type { SubgraphRequest, SubgraphResponse } from '../../gateway/router/transport.ts';
import { readSchemaFile } from '../../lib/schema-files.ts';

/**
 * The feed merge in the router: each owner gets its own position from the vector cursor, the
 * page takes owners in turns, and every edge carries the vector after it. An owner that fails
 * keeps its position, so the next page asks it again from there.
 */

const table = buildRoutingTable(readSchemaFile('region.graphql'));
const QUERY = `query($since: String) { changes(since: $since, first: 4) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } missingOwners } }`;

/** Each owner's changes as `<owner>-<n>` at position `n`; an owner in `down` fails, in `expired` answers CURSOR_EXPIRED. */
function fakeOwners(counts: Record<string, number>, down: string[] = [], expired: string[] = []) {
  const asked: Record<string, unknown> = {};
  const router = new OwnerRouter({
    table, owners: Object.keys(counts), timeoutMs: 1000,
    transport: {
      async send(owner: string, request: SubgraphRequest): Promise<SubgraphResponse> {
        if (down.includes(owner)) throw new Error('connection refused');
        const op = parse(request.query).definitions[0] as OperationDefinitionNode;
        const field = op.selectionSet.selections[0] as FieldNode;
        const sinceArg = field.arguments?.find((a) => a.name.value === 'since');
        const since = sinceArg?.value.kind === Kind.STRING ? sinceArg.value.value : undefined;
        asked[owner] = since ?? null;
        if (expired.includes(owner)) return { data: { changes: null }, errors: [{ message: 'too old', path: ['changes'], extensions: { code: 'CURSOR_EXPIRED' } }] };
        const from = since ? Number(since.split('.')[1]) : 0;
        const positions = Array.from({ length: Math.max(0, Math.min(4, counts[owner] - from)) }, (_, i) => from + i + 1);
        const edges = positions.map((p) => ({ cursor: `1.${p}`, node: { id: `${owner}-${p}` } }));
        return { data: { changes: {
          edges,
          _r_edges: edges.map(({ cursor }) => ({ cursor })),
          pageInfo: { hasNextPage: from + 4 < counts[owner], endCursor: 'x' },
          _r_more: { hasNextPage: from + 4 < counts[owner] },
          missingOwners: [],
        } } };
      },
    },
  });
  return { router, asked };
}

const ids = (r: SubgraphResponse) => ((r.data!.changes as any).edges as { node: { id: string } }[]).map((e) => e.node.id);

describe('the feed merge', () => {
  it('takes owners in turns, gives each edge the vector after it, and resumes every owner from its own position', async () => {
    const { router, asked } = fakeOwners({ a: 5, b: 1, c: 3 });
    const first = await router.execute({ query: QUERY, variables: { since: null } });
    expect(asked).toEqual({ a: null, b: null, c: null });
    expect(ids(first)).toEqual(['a-1', 'b-1', 'c-1', 'a-2']);
    const changes = first.data!.changes as any;
    expect(changes.edges.map((e: { cursor: string }) => decodeVector(e.cursor))).toEqual([
      { a: '1.1' }, { a: '1.1', b: '1.1' }, { a: '1.1', b: '1.1', c: '1.1' }, { a: '1.2', b: '1.1', c: '1.1' },
    ]);
    expect(changes.pageInfo).toEqual({ hasNextPage: true, endCursor: changes.edges[3].cursor });
    const second = await router.execute({ query: QUERY, variables: { since: changes.pageInfo.endCursor } });
    expect(asked).toEqual({ a: '1.2', b: '1.1', c: '1.1' });
    expect(ids(second)).toEqual(['a-3', 'c-2', 'a-4', 'c-3']);
    const third = await router.execute({ query: QUERY, variables: { since: (second.data!.changes as any).pageInfo.endCursor } });
    expect(ids(third)).toEqual(['a-5']);
    expect((third.data!.changes as any).pageInfo.hasNextPage).toBe(false);
  });

  it('keeps the position of an owner that did not answer, and says so', async () => {
    const { router } = fakeOwners({ a: 2, b: 2 }, ['b']);
    const start = encodeVector({ b: '1.1' });
    const page = await router.execute({ query: QUERY, variables: { since: start } });
    expect(ids(page)).toEqual(['a-1', 'a-2']);
    const changes = page.data!.changes as any;
    expect(decodeVector(changes.pageInfo.endCursor)).toEqual({ a: '1.2', b: '1.1' });
    expect(changes.missingOwners).toEqual(['b']);
    expect(page.errors?.map((e) => [e.extensions?.code, e.extensions?.owner, e.path])).toEqual([['OWNER_UNAVAILABLE', 'b', ['changes']]]);
  });

  it('answers an expired position with the cursor that starts that owner over and keeps the others', async () => {
    const { router } = fakeOwners({ a: 1, b: 1 }, [], ['b']);
    const page = await router.execute({ query: QUERY, variables: { since: encodeVector({ a: '1.0', b: '1.7' }) } });
    expect(page.errors?.map((e) => [e.extensions?.code, e.extensions?.owner])).toEqual([['CURSOR_EXPIRED', 'b']]);
    expect(decodeVector(page.errors![0].extensions!.restartCursor)).toEqual({ a: '1.0' });
  });

  it('refuses a cursor it did not make', async () => {
    const { router } = fakeOwners({ a: 1 });
    for (const since of ['abc', encodeVector({}).slice(0, -2), Buffer.from('{"feed":{"a":1}}').toString('base64url')]) {
      const page = await router.execute({ query: QUERY, variables: { since } });
      expect(page.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    }
  });
});
