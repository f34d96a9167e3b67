import { isoFromPg } from '../../../lib/db/timestamps.ts';
import { formatGlobalId } from '../../../lib/global-id.ts';
import { todayInAmsterdam } from '../../../lib/scalars.ts';
import type { RegionContext } from '../context.ts';
import { guardType } from '../policy.ts';
import type { EnterpriseFilter, EnterpriseRow, RecognitionRow } from '../data/enterprises.ts';
import type { OfferingFilter, OfferingRow } from '../data/offerings.ts';
import type { AuditRow } from '../audit.ts';
import { offeringList, socialEnterpriseList, type ListArgs } from './lists.ts';
import { asEnterprise, asOffering, loadEnterprise, loadOffering } from './lookup.ts';

/** `staffWithDistance / staffTotal` to 4 decimals, half-up, in exact integer arithmetic. */
export function share(part: number, total: number): string {
  const scaled = (BigInt(part) * 20000n + BigInt(total)) / (2n * BigInt(total));
  const s = scaled.toString().padStart(5, '0');
  return `${s.slice(0, -4)}.${s.slice(-4)}`;
}

export function validOn(r: RecognitionRow, on: string): boolean {
  return r.validFrom <= on && (r.validUntil === null || r.validUntil >= on);
}

const region = (ctx: RegionContext) => ({ code: ctx.owner.code });

export const SocialEnterprise = guardType('SocialEnterprise', {
  __resolveReference: (ref: { id: string }, ctx: RegionContext) => loadEnterprise(ctx, ref.id),
  id: (r: EnterpriseRow, _: unknown, ctx: RegionContext) => formatGlobalId(ctx.owner.code, 'SocialEnterprise', r.id),
  owner: (_: EnterpriseRow, __: unknown, ctx: RegionContext) => region(ctx),
  municipality: (r: EnterpriseRow) => ({ code: r.municipalityCode }),
  shareWithDistance: (r: EnterpriseRow) => share(r.staffWithDistance, r.staffTotal),
  recognitions: (r: EnterpriseRow, _: unknown, ctx: RegionContext) => ctx.loaders.recognitions.load(r.id),
  isRecognised: async (r: EnterpriseRow, args: { schemes?: string[] | null; on?: string | null }, ctx: RegionContext) => {
    const on = args.on ?? todayInAmsterdam();
    const list = await ctx.loaders.recognitions.load(r.id);
    return list.some((x) => (!args.schemes?.length || args.schemes.includes(x.scheme)) && validOn(x, on));
  },
  externalReferences: async (r: EnterpriseRow, _: unknown, ctx: RegionContext) =>
    (await ctx.loaders.externalReferences.load(r.id)).map((x) => ({ ...x, syncedAt: x.syncedAt && isoFromPg(x.syncedAt) })),
  offerings: async (r: EnterpriseRow, _: unknown, ctx: RegionContext) =>
    (await ctx.loaders.offeringsOfEnterprise.load(r.id)).map(asOffering),
  createdAt: (r: EnterpriseRow) => isoFromPg(r.createdAt),
  updatedAt: (r: EnterpriseRow) => isoFromPg(r.updatedAt),
});

export const Offering = guardType('Offering', {
  __resolveReference: (ref: { id: string }, ctx: RegionContext) => loadOffering(ctx, ref.id),
  id: (r: OfferingRow, _: unknown, ctx: RegionContext) => formatGlobalId(ctx.owner.code, 'Offering', r.id),
  owner: (_: OfferingRow, __: unknown, ctx: RegionContext) => region(ctx),
  enterprise: async (r: OfferingRow, _: unknown, ctx: RegionContext) => {
    const row = await ctx.loaders.enterprise.load(r.enterpriseId);
    return row && asEnterprise(row);
  },
  category: (r: OfferingRow) => ({ code: r.categoryCode }),
  price: (r: OfferingRow) => (r.priceAmount === null ? null : { amount: r.priceAmount, unit: r.priceUnit }),
  serviceArea: (r: OfferingRow) => r.serviceArea.map((code) => ({ code })),
  createdAt: (r: OfferingRow) => isoFromPg(r.createdAt),
  updatedAt: (r: OfferingRow) => isoFromPg(r.updatedAt),
});

/** The catalog's Region, extended with this owner's lists (only this owner's code resolves here). */
export const Region = {
  __resolveReference: (ref: { code: string }, ctx: RegionContext) => (ref.code === ctx.owner.code ? { code: ref.code } : null),
  socialEnterprises: (_: unknown, args: ListArgs<EnterpriseFilter>, ctx: RegionContext) =>
    socialEnterpriseList(ctx, { ...args, filter: { ...args.filter, owner: ctx.owner.code } }),
  offerings: (_: unknown, args: ListArgs<OfferingFilter>, ctx: RegionContext) =>
    offeringList(ctx, { ...args, filter: { ...args.filter, owner: ctx.owner.code } }),
};

export const Node = {
  __resolveType: (obj: { __typename: string }) => obj.__typename,
};

export const AuditEntry = {
  id: (r: AuditRow, _: unknown, ctx: RegionContext) => `${ctx.owner.code}:AuditEntry:${r.id}`,
  at: (r: AuditRow) => isoFromPg(r.at),
  subject: (r: AuditRow) => r.actor,
  roles: (r: AuditRow) => r.role.split(',').filter(Boolean),
  entityId: (r: AuditRow, _: unknown, ctx: RegionContext) => (r.entityId ? formatGlobalId(ctx.owner.code, r.entityType, r.entityId) : null),
  detail: (r: AuditRow) => (r.detail == null ? null : JSON.stringify(r.detail)),
};
