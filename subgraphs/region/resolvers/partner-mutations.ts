import { badUserInput, notFound } from '../../../lib/errors.ts';
import { formatGlobalId } from '../../../lib/global-id.ts';
import type { RegionContext } from '../context.ts';
import { upsertPartnerRecord, type UpsertOutcome } from '../data/partner-upsert.ts';
import { deleteEnterprise } from '../data/writes.ts';
import { ItemRejected, partnerRecord, type PartnerEnterpriseInput, type PartnerRecord } from '../domain/partner-record.ts';
import * as v from '../domain/validate.ts';
import { requireWrite } from '../policy.ts';
import { ownUuid } from './lookup.ts';
import { MAX_OFFERINGS_PER_ENTERPRISE } from './mutation.ts';

/** Most items in one partner batch. */
export const MAX_BATCH_ITEMS = 100;

interface UpsertInput {
  owner: string;
  system: string;
  items: PartnerEnterpriseInput[];
}

type ItemResult = {
  index: number;
  externalId: string | null;
  kvkNumber: string | null;
  status: UpsertOutcome['status'] | 'REJECTED';
  id: string | null;
  version: number | null;
  error: { code: string; message: string; field: string | null } | null;
  keptStaffFields: string[];
  duplicateOf: number | null;
};

const rejected = (e: ItemRejected) => ({ code: e.code, message: e.message, field: e.field ?? null });

/** Which earlier item of the batch names the same record (by partner id or by KvK and vestiging). */
function duplicates(records: (PartnerRecord | null)[]): (number | null)[] {
  const seen = new Map<string, number>();
  return records.map((r, i) => {
    if (!r) return null;
    const keys = [r.externalId && `id:${r.externalId}`, r.kvkNumber && `kvk:${r.kvkNumber}:${r.fields.establishmentNumber ?? ''}`].filter(Boolean) as string[];
    const earlier = keys.map((k) => seen.get(k)).find((x) => x !== undefined);
    for (const k of keys) if (!seen.has(k)) seen.set(k, i);
    return earlier ?? null;
  });
}

export const PartnerMutation = {
  async upsertSocialEnterprises(_: unknown, { input }: { input: UpsertInput }, ctx: RegionContext) {
    if (input.owner !== ctx.owner.code) throw badUserInput(`This service holds owner "${ctx.owner.code}", not "${input.owner}".`);
    requireWrite(ctx.viewer, ctx.owner.code, 'SocialEnterprise');
    const system = v.matches('system', input.system, /^[A-Z][A-Z0-9_]{1,39}$/, 'an upper-case system name such as MAEX');
    if (input.items.length > MAX_BATCH_ITEMS) throw badUserInput(`A batch holds at most ${MAX_BATCH_ITEMS} items, got ${input.items.length}.`, { field: 'items' });

    const checked = input.items.map((item) => {
      try { return { record: partnerRecord(ctx.owner, item) }; } catch (e) {
        if (e instanceof ItemRejected) return { error: e };
        throw e;
      }
    });
    const sameAs = duplicates(checked.map((c) => c.record ?? null));
    const settings = { system, maxOfferings: MAX_OFFERINGS_PER_ENTERPRISE, overwriteStaffFields: ctx.owner.partnerMayOverwriteStaffFields === true };
    const results: ItemResult[] = [];
    // One item after another: a batch is one partner's retry unit, and each item is its own transaction.
    for (const [index, c] of checked.entries()) {
      const base = { index, externalId: input.items[index].externalId ?? null, kvkNumber: input.items[index].kvkNumber ?? null, keptStaffFields: [], duplicateOf: null };
      const fail = (e: ItemRejected): ItemResult => ({ ...base, status: 'REJECTED', id: null, version: null, error: rejected(e) });
      if (!c.record) { results.push(fail(c.error!)); continue; }
      const earlier = sameAs[index];
      if (earlier !== null) {
        const first = results[earlier];
        results.push(JSON.stringify(checked[earlier].record) === JSON.stringify(c.record) && first.status !== 'REJECTED'
          ? { ...base, status: 'UNCHANGED', id: first.id, version: first.version, error: null, duplicateOf: earlier }
          : { ...fail(new ItemRejected('DUPLICATE_IN_BATCH', `Item ${earlier} of this batch names the same enterprise with other data; send one record per enterprise.`)), duplicateOf: earlier });
        continue;
      }
      try {
        const outcome = await upsertPartnerRecord(ctx.db, ctx.viewer, settings, c.record);
        results.push({ ...base, ...outcome, id: formatGlobalId(ctx.owner.code, 'SocialEnterprise', outcome.id), error: null });
      } catch (e) {
        if (!(e instanceof ItemRejected)) throw e;
        results.push(fail(e));
      }
    }
    const count = (status: ItemResult['status']) => results.filter((r) => r.status === status).length;
    return { owner: ctx.owner.code, created: count('CREATED'), updated: count('UPDATED'), unchanged: count('UNCHANGED'), rejected: count('REJECTED'), items: results };
  },

  async deleteSocialEnterprise(_: unknown, { id }: { id: string }, ctx: RegionContext) {
    const uuid = ownUuid(ctx, id, 'SocialEnterprise');
    if (!uuid) throw badUserInput(`${id} is not a social enterprise of owner "${ctx.owner.code}".`);
    requireWrite(ctx.viewer, ctx.owner.code, 'SocialEnterprise');
    const deleted = await deleteEnterprise(ctx.db, ctx.viewer, uuid);
    if (!deleted) throw notFound(`No social enterprise ${id}.`);
    return { id, version: deleted.version };
  },
};
