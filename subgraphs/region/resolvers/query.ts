import { GraphQLError } from 'graphql';
import { auditPage } from '../audit.ts';
import type { RegionContext } from '../context.ts';
import { pageSize } from '../domain/validate.ts';
import { requireRows } from '../policy.ts';
import type { EnterpriseFilter } from '../data/enterprises.ts';
import type { OfferingFilter } from '../data/offerings.ts';
import { offeringList, socialEnterpriseList, type ListArgs } from './lists.ts';
import { loadEnterprise, loadOffering } from './lookup.ts';
import { loadNode } from './node.ts';

export const Query = {
  socialEnterprises: (_: unknown, args: ListArgs<EnterpriseFilter>, ctx: RegionContext) => socialEnterpriseList(ctx, args),
  offerings: (_: unknown, args: ListArgs<OfferingFilter>, ctx: RegionContext) => offeringList(ctx, args),
  socialEnterprise: (_: unknown, { id }: { id: string }, ctx: RegionContext) => loadEnterprise(ctx, id),
  offering: (_: unknown, { id }: { id: string }, ctx: RegionContext) => loadOffering(ctx, id),
  node: (_: unknown, { id }: { id: string }, ctx: RegionContext) => loadNode(ctx, id),
  // A bad ID is an error on that item only; the other items still resolve.
  nodes: (_: unknown, { ids }: { ids: string[] }, ctx: RegionContext) =>
    ids.map((id) => loadNode(ctx, id).catch((e: unknown) => (e instanceof GraphQLError ? e : Promise.reject(e)))),
  async auditLog(_: unknown, args: { owner: string; first: number; after?: string | null }, ctx: RegionContext) {
    requireRows(ctx.viewer, ctx.owner.code, 'AuditEntry');
    const page = await auditPage(ctx.db, pageSize(args.first), args.after);
    const cursors = page.rows.map((r) => String(r.id));
    return {
      edges: page.rows.map((node, i) => ({ cursor: cursors[i], node })),
      nodes: page.rows,
      pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: false, startCursor: cursors[0] ?? null, endCursor: cursors.at(-1) ?? null },
    };
  },
};
