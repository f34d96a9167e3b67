import { badUserInput } from '../../../lib/errors.ts';
import { parseGlobalId } from '../../../lib/global-id.ts';
import type { RegionContext } from '../context.ts';
import type { EnterpriseRow } from '../data/enterprises.ts';
import type { OfferingRow } from '../data/offerings.ts';

/** Rows carry their GraphQL type so `Node` can resolve it. */
export type Typed<T, N extends string> = T & { __typename: N };
export type EnterpriseNode = Typed<EnterpriseRow, 'SocialEnterprise'>;
export type OfferingNode = Typed<OfferingRow, 'Offering'>;

export const asEnterprise = (row: EnterpriseRow): EnterpriseNode => ({ ...row, __typename: 'SocialEnterprise' });
export const asOffering = (row: OfferingRow): OfferingNode => ({ ...row, __typename: 'Offering' });

/**
 * The uuid of a global ID of this owner, or null when the ID belongs to another owner or
 * type (such an object is not here). A malformed ID is BAD_USER_INPUT.
 */
export function ownUuid(ctx: RegionContext, id: unknown, type?: string): string | null {
  const parsed = parseGlobalId(id);
  if (!parsed) throw badUserInput(`"${String(id)}" is not a valid ID (expected <owner>:<Type>:<uuid>).`);
  if (parsed.owner !== ctx.owner.code || (type && parsed.type !== type)) return null;
  return parsed.uuid;
}

export async function loadEnterprise(ctx: RegionContext, id: unknown): Promise<EnterpriseNode | null> {
  const uuid = ownUuid(ctx, id, 'SocialEnterprise');
  const row = uuid ? await ctx.loaders.enterprise.load(uuid) : null;
  return row ? asEnterprise(row) : null;
}

export async function loadOffering(ctx: RegionContext, id: unknown): Promise<OfferingNode | null> {
  const uuid = ownUuid(ctx, id, 'Offering');
  const row = uuid ? await ctx.loaders.offering.load(uuid) : null;
  return row ? asOffering(row) : null;
}
