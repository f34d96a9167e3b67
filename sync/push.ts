/**
 * Sends a partner's records to the hub: each item goes to the owner of its municipality (the
 * catalog's map), in batches of at most 100 per owner, and every item gets its result back,
 * numbered as it came in. Sending the same records again changes nothing (`UNCHANGED`).
 */

export interface PartnerItem {
  municipality: string;
  externalId?: string;
  kvkNumber?: string;
  [field: string]: unknown;
}

export interface PushResult {
  /** Position of the item in the input (0-based). */
  line: number;
  owner: string | null;
  externalId: string | null;
  kvkNumber: string | null;
  status: 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'REJECTED';
  id: string | null;
  error: { code: string; message: string; field?: string | null } | null;
  keptStaffFields: string[];
}

export interface PushOptions {
  url: string;
  headers?: Record<string, string>;
  /** The partner's system, e.g. MAEX. */
  system: string;
  batchSize?: number;
  onBatch?: (results: readonly PushResult[]) => void;
}

const UPSERT = /* GraphQL */ `
  mutation Upsert($input: UpsertSocialEnterprisesInput!) {
    upsertSocialEnterprises(input: $input) {
      items { index externalId kvkNumber status id error { code message field } keptStaffFields }
    }
  }`;

type AnsweredItem = Omit<PushResult, 'line' | 'owner'> & { index: number };
type GraphQLBody<T> = { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };

async function post<T>(o: PushOptions, query: string, variables?: Record<string, unknown>): Promise<GraphQLBody<T>> {
  const res = await fetch(o.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-client-name': 'srh-sync', ...o.headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GraphQLBody<T>;
}

/** Municipality code → owner code, from the catalog. */
export async function ownersOfMunicipalities(o: PushOptions): Promise<Map<string, string>> {
  const body = await post<{ municipalities: { code: string; owner: { code: string } | null }[] }>(o, '{ municipalities { code owner { code } } }');
  if (!body.data) throw new Error(`The catalog did not answer: ${body.errors?.map((e) => e.message).join('; ')}`);
  return new Map(body.data.municipalities.filter((m) => m.owner).map((m) => [m.code, m.owner!.code]));
}

export async function push(items: AsyncIterable<PartnerItem> | Iterable<PartnerItem>, o: PushOptions): Promise<PushResult[]> {
  const ownerOf = await ownersOfMunicipalities(o);
  const size = o.batchSize ?? 100;
  const pending = new Map<string, { line: number; item: PartnerItem }[]>();
  const results: PushResult[] = [];
  const record = (batch: PushResult[]) => { results.push(...batch); o.onBatch?.(batch); };
  const base = (line: number, item: PartnerItem, owner: string | null) =>
    ({ line, owner, externalId: item.externalId ?? null, kvkNumber: item.kvkNumber ?? null, id: null, keptStaffFields: [] as string[] });

  const send = async (owner: string) => {
    const batch = pending.get(owner) ?? [];
    pending.delete(owner);
    if (!batch.length) return;
    const body = await post<{ upsertSocialEnterprises: { items: AnsweredItem[] } }>(
      o, UPSERT, { input: { owner, system: o.system, items: batch.map((b) => b.item) } });
    const answered = body.data?.upsertSocialEnterprises?.items;
    if (!answered) {
      // The whole batch failed (e.g. the owner is down): every item says why, to send again later.
      const error = body.errors?.[0];
      record(batch.map((b) => ({ ...base(b.line, b.item, owner), status: 'REJECTED' as const,
        error: { code: String(error?.extensions?.code ?? 'INTERNAL_SERVER_ERROR'), message: error?.message ?? 'No answer' } })));
      return;
    }
    record(answered.map((r) => ({
      ...base(batch[r.index].line, batch[r.index].item, owner), status: r.status, id: r.id, error: r.error, keptStaffFields: r.keptStaffFields,
    })));
  };

  let line = 0;
  for await (const item of items) {
    const owner = ownerOf.get(item.municipality) ?? null;
    if (!owner) {
      record([{ ...base(line, item, null), status: 'REJECTED', error: {
        code: 'MUNICIPALITY_NOT_COVERED', message: `No owner in this hub covers municipality ${String(item.municipality)}.`, field: 'municipality' } }]);
    } else {
      const list = pending.get(owner) ?? [];
      list.push({ line, item });
      pending.set(owner, list);
      if (list.length >= size) await send(owner);
    }
    line++;
  }
  for (const owner of [...pending.keys()]) await send(owner);
  return results.sort((a, b) => a.line - b.line);
}
