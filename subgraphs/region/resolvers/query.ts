import { GraphQLError } from 'graphql';
import type { RegionContext } from '../context.ts';
import type { EnterpriseFilter } from '../data/enterprises.ts';
import type { OfferingFilter } from '../data/offerings.ts';
import { offeringList, socialEnterpriseList, type ListArgs } from './lists.ts';
import { loadEnterprise, loadNode, loadOffering } from './lookup.ts';

export const Query = {
  socialEnterprises: (_: unknown, args: ListArgs<EnterpriseFilter>, ctx: RegionContext) => socialEnterpriseList(ctx, args),
  offerings: (_: unknown, args: ListArgs<OfferingFilter>, ctx: RegionContext) => offeringList(ctx, args),
  socialEnterprise: (_: unknown, { id }: { id: string }, ctx: RegionContext) => loadEnterprise(ctx, id),
  offering: (_: unknown, { id }: { id: string }, ctx: RegionContext) => loadOffering(ctx, id),
  node: (_: unknown, { id }: { id: string }, ctx: RegionContext) => loadNode(ctx, id),
  // A bad ID is an error on that item only; the other items still resolve.
  nodes: (_: unknown, { ids }: { ids: string[] }, ctx: RegionContext) =>
    ids.map((id) => loadNode(ctx, id).catch((e: unknown) => (e instanceof GraphQLError ? e : Promise.reject(e)))),
};
