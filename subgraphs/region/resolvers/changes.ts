import { GraphQLError } from 'graphql';
import { isoFromPg } from '../../../lib/db/timestamps.ts';
import { badUserInput, ErrorCode } from '../../../lib/errors.ts';
import { formatGlobalId } from '../../../lib/global-id.ts';
import type { RegionContext } from '../context.ts';
import {
  changesAfter, formatPosition, isExpired, parsePosition, START, type ChangeRow, type ChangeType,
} from '../data/changes.ts';
import { pageSize } from '../domain/validate.ts';
import { guardType } from '../policy.ts';
import { asEnterprise, asOffering } from './lookup.ts';

/** This owner's part of the change feed; `since` is this owner's own position (the router keeps the vector). */

const TYPES: Record<string, ChangeType> = { SOCIAL_ENTERPRISE: 'SocialEnterprise', OFFERING: 'Offering' };
const TYPE_NAMES: Record<ChangeType, string> = { SocialEnterprise: 'SOCIAL_ENTERPRISE', Offering: 'OFFERING' };

interface ChangesArgs {
  since?: string | null;
  types?: string[] | null;
  externalId?: { system: string; externalId: string } | null;
  owner?: string | null;
  first: number;
}

export const changeQueries = {
  async changes(_: unknown, args: ChangesArgs, ctx: RegionContext) {
    const first = pageSize(args.first);
    const after = args.since == null ? START : parsePosition(args.since);
    if (!after) throw badUserInput(`since is not a position in the change feed of "${ctx.owner.code}".`, { field: 'since' });
    const page = args.owner != null && args.owner !== ctx.owner.code ? { rows: [], hasMore: false } : await (async () => {
      if (await isExpired(ctx.db, after)) {
        throw new GraphQLError(
          `The change feed of "${ctx.owner.code}" no longer holds changes that old (kept for a limited period). Resync this owner: pull it again from the start (since: null, or the restartCursor) and drop its records you did not get again.`,
          { extensions: { code: ErrorCode.CURSOR_EXPIRED, owner: ctx.owner.code } },
        );
      }
      return changesAfter(ctx.db, {
        after, first, types: args.types?.map((t) => TYPES[t]),
        externalKey: args.externalId ? `${args.externalId.system}:${args.externalId.externalId}` : null,
      });
    })();
    const cursors = page.rows.map(formatPosition);
    return {
      edges: page.rows.map((node, i) => ({ cursor: cursors[i], node })),
      nodes: page.rows,
      pageInfo: {
        hasNextPage: page.hasMore,
        hasPreviousPage: false,
        startCursor: cursors[0] ?? formatPosition(after),
        endCursor: cursors.at(-1) ?? formatPosition(after),
      },
      missingOwners: [],
    };
  },
};

export const Change = guardType('Change', {
  id: (r: ChangeRow, _: unknown, ctx: RegionContext) => formatGlobalId(ctx.owner.code, r.entityType, r.entityId),
  owner: (_: ChangeRow, __: unknown, ctx: RegionContext) => ctx.owner.code,
  type: (r: ChangeRow) => TYPE_NAMES[r.entityType as ChangeType],
  at: (r: ChangeRow) => isoFromPg(r.at),
  externalIds: (r: ChangeRow) => r.externalKeys.map((k) => {
    const colon = k.indexOf(':');
    return { system: k.slice(0, colon), externalId: k.slice(colon + 1) };
  }),
  socialEnterprise: async (r: ChangeRow, _: unknown, ctx: RegionContext) => {
    if (r.entityType !== 'SocialEnterprise' || r.kind === 'DELETED') return null;
    const row = await ctx.loaders.enterprise.load(r.entityId);
    return row && asEnterprise(row);
  },
  offering: async (r: ChangeRow, _: unknown, ctx: RegionContext) => {
    if (r.entityType !== 'Offering' || r.kind === 'DELETED') return null;
    const row = await ctx.loaders.offering.load(r.entityId);
    return row && asOffering(row);
  },
});
