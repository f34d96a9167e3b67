import type { RegionContext } from '../context.ts';
import { countEnterprises, enterprisePage, type EnterpriseFilter } from '../data/enterprises.ts';
import { countOfferings, offeringPage, type OfferingFilter } from '../data/offerings.ts';
import { codeList, pageSize, searchText } from '../domain/validate.ts';
import { connection } from './connection.ts';

/** The two lists, shared by the root fields and by `Region`. */

export interface ListArgs<F> {
  filter?: F | null;
  orderBy: string;
  first: number;
  after?: string | null;
}

export async function socialEnterpriseList(ctx: RegionContext, args: ListArgs<EnterpriseFilter>) {
  const f = args.filter;
  searchText(f?.query);
  codeList('municipalities', f?.municipalities);
  codeList('categories', f?.categories);
  const page = await enterprisePage(ctx.db, ctx.owner.code, { ...args, first: pageSize(args.first) });
  return connection(page, () => countEnterprises(ctx.db, ctx.owner.code, f));
}

export async function offeringList(ctx: RegionContext, args: ListArgs<OfferingFilter>) {
  const f = args.filter;
  searchText(f?.query);
  codeList('municipalities', f?.municipalities);
  codeList('categories', f?.categories);
  codeList('cpvPrefixes', f?.cpvPrefixes);
  const page = await offeringPage(ctx.db, ctx.owner.code, { ...args, first: pageSize(args.first) });
  return connection(page, () => countOfferings(ctx.db, ctx.owner.code, f));
}
