import { isoFromPg } from '../../../lib/db/timestamps.ts';
import { badUserInput, conflict, notFound } from '../../../lib/errors.ts';
import { formatGlobalId, parseGlobalId } from '../../../lib/global-id.ts';
import type { RegionContext } from '../context.ts';
import { changeVacancyStatus, countVacancies, insertVacancy, vacancyPage, type VacancyFilter, type VacancyRow } from '../data/vacancies.ts';
import { occupation } from '../domain/isco.ts';
import * as m from '../domain/matching-input.ts';
import * as v from '../domain/validate.ts';
import { requireWrite, seesUnpublishedVacancies } from '../policy.ts';
import { connection } from './connection.ts';
import { ownUuid, type Typed } from './lookup.ts';

/** Vacancies (Brede Etalage): public when published, searchable over every owner. */

export type VacancyNode = Typed<VacancyRow, 'Vacancy'>;
export const asVacancy = (row: VacancyRow): VacancyNode => ({ ...row, __typename: 'Vacancy' });

const STATUSES = ['DRAFT', 'PUBLISHED', 'FILLED', 'CLOSED'];
/** Which statuses a vacancy may move to from each. */
const NEXT: Record<string, string[]> = { PUBLISHED: ['DRAFT'], FILLED: ['PUBLISHED'], CLOSED: ['DRAFT', 'PUBLISHED'], DRAFT: [] };

interface RegisterVacancyInput {
  owner: string;
  employer: { kvkNumber: string; name: string };
  title: string;
  description: string;
  occupation: string;
  hoursMin: number;
  hoursMax: number;
  municipality: string;
  postcode4: string;
  skills?: string[] | null;
  targetGroups?: string[] | null;
  contractId?: string | null;
  status?: string | null;
  closesOn?: string | null;
}

/** A vacancy of this owner the viewer may see; null when absent or unpublished for a non-staff viewer. */
export async function loadVacancy(ctx: RegionContext, id: string): Promise<VacancyNode | null> {
  const uuid = ownUuid(ctx, id, 'Vacancy');
  const row = uuid ? await ctx.loaders.vacancy.load(uuid) : null;
  if (!row || (row.status !== 'PUBLISHED' && !seesUnpublishedVacancies(ctx.viewer, ctx.owner.code))) return null;
  return asVacancy(row);
}

function visibleStatuses(ctx: RegionContext, asked: string[] | null | undefined): string[] {
  const wanted = asked?.length ? asked : ['PUBLISHED'];
  // Fanned out to every owner: another owner's staff asking for drafts get the published ones here.
  return seesUnpublishedVacancies(ctx.viewer, ctx.owner.code) ? wanted : wanted.filter((s) => s === 'PUBLISHED');
}

export const vacancyQueries = {
  vacancy: (_: unknown, { id }: { id: string }, ctx: RegionContext) => loadVacancy(ctx, id),
  async vacancies(_: unknown, args: { filter?: VacancyFilter | null; first: number; after?: string | null }, ctx: RegionContext) {
    v.searchText(args.filter?.query);
    const filter = { ...args.filter, occupations: m.occupationPrefixes(args.filter?.occupations) };
    const statuses = visibleStatuses(ctx, args.filter?.statuses);
    const page = await vacancyPage(ctx.db, ctx.owner.code, statuses, { filter, first: v.pageSize(args.first), after: args.after });
    return connection({ ...page, rows: page.rows.map(asVacancy) }, () => countVacancies(ctx.db, ctx.owner.code, statuses, filter));
  },
};

export const VacancyMutation = {
  async registerVacancy(_: unknown, { input }: { input: RegisterVacancyInput }, ctx: RegionContext) {
    if (input.owner !== ctx.owner.code) throw badUserInput(`This service holds owner "${ctx.owner.code}", not "${input.owner}".`);
    requireWrite(ctx.viewer, ctx.owner.code, 'Vacancy');
    const hoursMin = m.hoursPerWeek('hoursMin', input.hoursMin);
    const hoursMax = m.hoursPerWeek('hoursMax', input.hoursMax);
    if (hoursMax < hoursMin) throw badUserInput(`hoursMax ${hoursMax} is below hoursMin ${hoursMin}.`, { field: 'hoursMax' });
    const status = input.status ?? 'PUBLISHED';
    if (status !== 'DRAFT' && status !== 'PUBLISHED') throw badUserInput('A new vacancy is DRAFT or PUBLISHED.', { field: 'status' });
    if (input.contractId != null && parseGlobalId(input.contractId)?.type !== 'Contract') {
      throw badUserInput(`contractId "${input.contractId}" is not a contract ID (<owner>:Contract:<uuid>).`, { field: 'contractId' });
    }
    const created = await insertVacancy(ctx.db, ctx.viewer, {
      kvkNumber: v.kvkNumber(input.employer.kvkNumber),
      name: v.text('employer.name', input.employer.name, { min: 2, max: 200 }),
    }, {
      id: crypto.randomUUID(),
      title: v.text('title', input.title, { min: 3, max: 200 }),
      description: v.text('description', input.description, { max: 5000 }),
      occupationCode: m.occupationCode('occupation', input.occupation),
      hoursMin,
      hoursMax,
      municipalityCode: v.ownMunicipality(ctx.owner, input.municipality),
      postcode4: v.postcode4(input.postcode4),
      skills: m.vacancySkills(input.skills),
      targetGroups: m.targetGroups(input.targetGroups),
      contractId: input.contractId ?? null,
      status,
      publishedAt: status === 'PUBLISHED' ? new Date().toISOString() : null,
      closesOn: input.closesOn ?? null,
    });
    return asVacancy(created);
  },

  async setVacancyStatus(_: unknown, { id, status }: { id: string; status: string }, ctx: RegionContext) {
    const uuid = ownUuid(ctx, id, 'Vacancy');
    if (!uuid) throw badUserInput(`${id} is not a vacancy of owner "${ctx.owner.code}".`, { field: 'id' });
    requireWrite(ctx.viewer, ctx.owner.code, 'Vacancy');
    const current = await ctx.loaders.vacancy.load(uuid);
    if (!current) throw notFound(`No vacancy ${id}.`);
    if (!STATUSES.includes(status) || !NEXT[status].includes(current.status)) {
      throw conflict(`Vacancy ${id} is ${current.status}; it cannot become ${status}.`);
    }
    if (!(await changeVacancyStatus(ctx.db, ctx.viewer, uuid, NEXT[status], status))) throw conflict(`Vacancy ${id} changed meanwhile; read it again.`);
    ctx.loaders.vacancy.clear(uuid);
    return asVacancy((await ctx.loaders.vacancy.load(uuid))!);
  },
};

export const Vacancy = {
  __resolveReference: (ref: { id: string }, ctx: RegionContext) => loadVacancy(ctx, ref.id),
  id: (r: VacancyRow, _: unknown, ctx: RegionContext) => formatGlobalId(ctx.owner.code, 'Vacancy', r.id),
  owner: (_: VacancyRow, __: unknown, ctx: RegionContext) => ({ code: ctx.owner.code }),
  employer: (r: VacancyRow) => ({ kvkNumber: r.employerKvk, name: r.employerName }),
  occupation: (r: VacancyRow) => occupation(r.occupationCode),
  municipality: (r: VacancyRow) => ({ code: r.municipalityCode }),
  publishedAt: (r: VacancyRow) => (r.publishedAt ? isoFromPg(r.publishedAt) : null),
  createdAt: (r: VacancyRow) => isoFromPg(r.createdAt),
  updatedAt: (r: VacancyRow) => isoFromPg(r.updatedAt),
};
